/**
 * The viewer's app factory over a results store, kept apart from `listen` (server/start-server.ts) so
 * tests, `meetbench serve` and the PDF printer build the same app. Read-only, CSP without inline script,
 * no X-Powered-By, Basic authentication when asked for (always, off loopback: see serve.ts).
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ServerResponse } from 'node:http';
import express, { type Express } from 'express';
import type { ResultsStore } from '../results/store/results-store.ts';
import { negotiateLang } from './i18n/negotiate-lang.ts';
import { SnapshotSource } from './model/runs-snapshot.ts';
import { basicAuth, type AuthOptions } from './security/basic-auth.ts';
import { readOnly, securityHeaders } from './security/headers.ts';
import { loopbackHostOnly } from './security/loopback-host.ts';
import { refuseCrossSite } from './security/cross-site.ts';
import { errorMiddleware, notFoundHandler } from './error-middleware.ts';
import { createPagesRouter } from './routes/pages.ts';
import { createApiRouter } from './routes/api.ts';
import { createMetricsRouter } from './routes/metrics.ts';
import { createArtifactsRouter } from './routes/artifacts.ts';
import type { ViewerContext } from './context.ts';
import type { ViewerCriteria } from './context.ts';

export interface AppOptions {
  store: ResultsStore;
  /** require HTTP Basic authentication with this password */
  auth?: AuthOptions;
  /** judge every run with this criteria file (declared criteria included) instead of the stored results */
  criteria?: ViewerCriteria;
}

const STATIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'static');
// the chart library comes from its npm package, served by this server: no CDN (city networks are often closed)
const UPLOT_DIR = path.dirname(createRequire(import.meta.url).resolve('uplot/dist/uPlot.iife.min.js'));

export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', 'strong');
  app.set('query parser', 'simple');
  const context: ViewerContext = { store: options.store, snapshots: new SnapshotSource(options.store), criteria: options.criteria };

  app.use(securityHeaders);
  app.use(readOnly);
  // before the password: another site's page must neither read the viewer nor spend the user's password tries
  app.use(refuseCrossSite);
  // with a password the viewer may serve the network; without one it is loopback only, and refuses rebound names
  app.use(options.auth ? basicAuth(options.auth) : loopbackHostOnly);
  // an hour in the browser; behind a password, in the browser only (never in a shared cache)
  const assetCaching = options.auth ? 'private, max-age=3600' : 'public, max-age=3600';
  const assets = {
    fallthrough: false,
    index: false,
    dotfiles: 'deny' as const,
    cacheControl: false,
    setHeaders: (res: ServerResponse) => res.setHeader('Cache-Control', assetCaching),
  };
  app.use('/assets', express.static(STATIC_DIR, assets));
  app.use('/vendor/uplot', (req, res, next) => {
    // only the two files the pages use, not the package's whole folder
    if (req.path !== '/uPlot.iife.min.js' && req.path !== '/uPlot.min.css') return res.status(404).type('text/plain').send('not found\n');
    next();
  });
  app.use('/vendor/uplot', express.static(UPLOT_DIR, assets));
  app.use(negotiateLang);
  app.use(createMetricsRouter(context));
  app.use('/api', createApiRouter(context));
  app.use('/artifacts', createArtifactsRouter(context));
  app.use(createPagesRouter(context));
  app.use(notFoundHandler);
  app.use(errorMiddleware(options.store.dataDir));
  return app;
}
