import { DynamicModule, Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Serves the built web client at `/` (the API and /ws keep their paths), so
 * one URL gives everything. The build lands in dist/web/browser, beside
 * dist/api; WEB_ROOT points elsewhere. Without a build this is a no-op and
 * the API runs alone.
 */
@Module({})
export class WebClientModule {
  /** `webRoot`: AppConfig's WEB_ROOT; by default the build beside this bundle. */
  static register(webRoot?: string): DynamicModule {
    const root = webRoot ?? join(__dirname, '..', 'web', 'browser');
    if (!existsSync(join(root, 'index.html'))) return { module: WebClientModule };
    return {
      module: WebClientModule,
      imports: [ServeStaticModule.forRoot({ rootPath: root, exclude: ['/api/{*path}', '/ws'] })],
    };
  }
}
