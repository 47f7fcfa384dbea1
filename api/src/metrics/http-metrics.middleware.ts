import type { NextFunction, Request, Response } from 'express';
import { MetricsService, UNMATCHED_ROUTE } from './metrics.service';

/**
 * Counts every HTTP answer by method, route pattern and status. A plain
 * Express middleware registered before everything else, not a Nest
 * interceptor: interceptors never see what guards (401), body parsing
 * (413) or the router (404) answer. The label is the matched pattern
 * (`/api/groups/:name`), never the raw URL, so its values stay few.
 */
export function countHttpRequests(metrics: MetricsService) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const started = performance.now();
    response.once('finish', () => {
      metrics.httpRequestAnswered(request.method, routeOf(request), response.statusCode, (performance.now() - started) / 1000);
    });
    next();
  };
}

/** Express leaves the matched route on the request; Nest registers full paths (global prefix included). */
function routeOf(request: Request): string {
  const path: unknown = request.route?.path;
  return typeof path === 'string' ? `${request.baseUrl}${path}` : UNMATCHED_ROUTE;
}
