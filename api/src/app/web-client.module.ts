import { DynamicModule, Inject, Module, OnModuleInit, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import express, { type Application, type Request, type Response, type NextFunction } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathDecodeErrors } from '../common/errors/path-decode-errors';
import { isServerPath } from './server-paths';

/** The folder the web client is served from, when it holds a build. */
const WEB_ROOT = Symbol('WEB_ROOT');

/**
 * Serves the built web client at `/` (the API and /ws keep their paths), so
 * one URL gives everything. The build lands in dist/web/browser, beside
 * dist/api; WEB_ROOT points elsewhere. Without a build this is a no-op and
 * the API runs alone.
 *
 * Two Express layers, registered in the init hook, so after Nest's routes
 * and before its "not found" handler: the build's files (express.static),
 * then index.html for every other GET outside /api and /ws, so that a deep
 * link or a reload of a client route finds the app. `pathDecodeErrors`
 * comes first: a malformed percent-escape in an /api path is a 400.
 *
 * Not @nestjs/serve-static, which did the same with two flaws: its error
 * middleware turned every error on /api (that 400 among them) into a 404,
 * and it sent index.html by its absolute path, which `send` refuses when
 * any folder on the way starts with a dot (a checkout under `~/.local` or
 * `.claude/`): every deep link was a 404 there. Here the file is sent
 * relative to its root, where only the part under the root is checked.
 */
@Module({})
export class WebClientModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Optional() @Inject(WEB_ROOT) private readonly root?: string,
  ) {}

  /** `webRoot`: AppConfig's WEB_ROOT; by default the build beside this bundle. */
  static register(webRoot?: string): DynamicModule {
    const root = webRoot ?? join(__dirname, '..', 'web', 'browser');
    if (!existsSync(join(root, 'index.html'))) return { module: WebClientModule };
    return { module: WebClientModule, providers: [{ provide: WEB_ROOT, useValue: root }] };
  }

  onModuleInit(): void {
    const { httpAdapter } = this.adapterHost;
    // No build, or no HTTP server (an application context, a testing module): nothing to serve.
    if (!this.root || !httpAdapter) return;
    const root = this.root;
    const app = httpAdapter.getInstance<Application>();
    app.use(pathDecodeErrors);
    app.use(express.static(root));
    // Middleware, not a `{*path}` route: a route would decode the path, and a malformed escape in an
    // unknown /api path must stay a plain 404.
    app.use((request: Request, response: Response, next: NextFunction) => {
      if ((request.method !== 'GET' && request.method !== 'HEAD') || isServerPath(request.path)) return next();
      // A file that went missing since start falls through to Nest's 404, like any unknown path.
      response.sendFile('index.html', { root }, (error?: Error) => error && next());
    });
  }
}
