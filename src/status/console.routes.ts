import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { RequestHandler } from 'express';
import { projectRoot } from '../db/migrate.js';
import { notFound } from '../http/errors.js';
import type { Route } from '../http/routes.js';

/**
 * The page allows only its own files: no inline script or style, no other origin, and no
 * framing. Helmet's policy stays on every other route; this one is stricter still.
 */
const CONSOLE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

interface Asset {
  type: string;
  body: Buffer;
}

/** The page's files, read once: the console folder of the package and uPlot's built files. */
function loadAssets(): Map<string, Asset> {
  const folder = path.join(projectRoot(), 'console');
  const require = createRequire(import.meta.url);
  const own = (name: string) => readFileSync(path.join(folder, name));
  return new Map<string, Asset>([
    ['index.html', { type: 'text/html; charset=utf-8', body: own('index.html') }],
    ['console.js', { type: 'text/javascript; charset=utf-8', body: own('console.js') }],
    ['console.css', { type: 'text/css; charset=utf-8', body: own('console.css') }],
    [
      'uplot.js',
      { type: 'text/javascript; charset=utf-8', body: readFileSync(require.resolve('uplot/dist/uPlot.iife.min.js')) },
    ],
    ['uplot.css', { type: 'text/css; charset=utf-8', body: readFileSync(require.resolve('uplot/dist/uPlot.min.css')) }],
  ]);
}

const send =
  (assets: Map<string, Asset>, name: (params: Record<string, string>) => string): RequestHandler =>
  (req, res) => {
    const asset = assets.get(name(req.params as Record<string, string>));
    if (!asset) throw notFound('No such console file.');
    res.setHeader('Content-Security-Policy', CONSOLE_POLICY);
    res.setHeader('Cache-Control', 'no-cache');
    res.type(asset.type).send(asset.body);
  };

/** GET /console: a page that needs no key to load and shows nothing until one is entered. */
export function consoleRoutes(): Route[] {
  const assets = loadAssets();
  const common = { method: 'get', tag: 'status', auth: 'none', database: false } as const;
  return [
    {
      ...common,
      path: '/console',
      operationId: 'getConsole',
      summary: 'The sync console for people (HTML); it asks for the merchant key and reads /api/status',
      responses: { 200: { description: 'the page (text/html)' } },
      handlers: [send(assets, () => 'index.html')],
    },
    {
      ...common,
      path: '/console/:file',
      operationId: 'getConsoleFile',
      summary: "The console's scripts and styles",
      responses: { 200: { description: 'the file' }, 404: { description: 'no such file' } },
      handlers: [send(assets, (params) => (params.file === 'index.html' ? '' : (params.file ?? '')))],
    },
  ];
}
