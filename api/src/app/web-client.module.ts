import { DynamicModule, Inject, Module, OnModuleInit, Optional } from '@nestjs/common';
import { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import { ExpressLoader } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathDecodeErrors } from '../common/errors/path-decode-errors';

/** The folder the web client is served from, when it holds a build. */
const WEB_ROOT = Symbol('WEB_ROOT');

/**
 * Serves the built web client at `/` (the API and /ws keep their paths), so
 * one URL gives everything. The build lands in dist/web/browser, beside
 * dist/api; WEB_ROOT points elsewhere. Without a build this is a no-op and
 * the API runs alone.
 *
 * It registers @nestjs/serve-static's Express layers itself, as
 * ServeStaticModule's own init hook would, so that one thing comes before
 * them: `pathDecodeErrors`. Init hooks run after Nest has registered its
 * routes, so the order in Express is: the API's routes, then
 * `pathDecodeErrors`, then serve-static (its files, its index.html for every
 * other GET, and its error middleware, which would turn a malformed
 * percent-escape in an /api path into a 404). Importing ServeStaticModule
 * instead would run its hook first: an imported module initialises before
 * the module that imports it.
 */
@Module({})
export class WebClientModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly applicationConfig: ApplicationConfig,
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
    httpAdapter.use(pathDecodeErrors);
    new ExpressLoader().register(httpAdapter, this.applicationConfig, [{ rootPath: this.root, exclude: ['/api/{*path}', '/ws'] }]);
  }
}
