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
      metrics.httpRequestAnswered(request.method, routeOf(request, response.statusCode), response.statusCode, (performance.now() - started) / 1000);
    });
    next();
  };
}

/**
 * Express leaves the matched route on the request; Nest registers full paths
 * (global prefix included). A catch-all that answers 404 (Nest's own under
 * /api, or the web client's for the paths it leaves to the API) matched no
 * real route: it counts as unmatched, whether or not the web client is built.
 */
function routeOf(request: Request, status: number): string {
  const path: unknown = request.route?.path;
  if (typeof path !== 'string' || (status === 404 && path.includes('{*'))) return UNMATCHED_ROUTE;
  return `${request.baseUrl}${path}`;
}
