/**
 * A small static file server for reference platforms' web clients (the official Janus demo pages). It runs
 * inside the platform's namespace, started by `ip netns exec NS node --import tsx static-server.ts ...`, so the
 * page and the SFU share an address. Symlinks are followed (Debian links the demos' javascript/ and fonts/
 * to shared packages), but the requested path never leaves the root lexically. `--alias PREFIX=DIR` serves a
 * URL prefix from another folder, for files a page references that the package does not ship where it looks.
 *
 *   node --import tsx harness/lab/static-server.ts --root DIR --host ADDR --port N [--alias /p/=DIR]...
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.eot': 'application/vnd.ms-fontobject',
  '.wasm': 'application/wasm',
  '.tflite': 'application/octet-stream',
};

export interface StaticServerOptions {
  root: string;
  /** URL prefix (starting and ending with /) → folder */
  aliases?: Record<string, string>;
  /** called for every 404, so missing assets show up in the lab log */
  onMissing?: (urlPath: string) => void;
}

/** Map a URL path to a file, or null when it would escape its root. */
export function resolveFile(options: StaticServerOptions, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const normalized = path.posix.normalize(decoded);
  if (!normalized.startsWith('/') || normalized.split('/').includes('..')) return null;
  for (const [prefix, dir] of Object.entries(options.aliases ?? {})) {
    if (normalized.startsWith(prefix)) return path.join(dir, normalized.slice(prefix.length));
  }
  const relative = normalized.endsWith('/') ? `${normalized}index.html` : normalized;
  return path.join(options.root, relative);
}

/** The request handler alone, for servers that answer some paths themselves and serve files for the rest. */
export function staticFiles(options: StaticServerOptions): RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://lab');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    let file = resolveFile(options, url.pathname);
    let stat = file ? statSync(file, { throwIfNoEntry: false }) : undefined;
    if (file && stat?.isDirectory()) {
      file = path.join(file, 'index.html');
      stat = statSync(file, { throwIfNoEntry: false });
    }
    if (!file || !stat?.isFile()) {
      options.onMissing?.(url.pathname);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': stat.size,
      // the lab restarts with new configs; never let a browser profile keep an old settings.js
      'cache-control': 'no-cache',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  };
}

export function createStaticServer(options: StaticServerOptions): Server {
  return createServer(staticFiles(options));
}

function parseArgs(argv: string[]): { root: string; host: string; port: number; aliases: Record<string, string> } {
  const args = { root: '', host: '127.0.0.1', port: 8000, aliases: {} as Record<string, string> };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1] ?? ''];
    if (flag === '--root') args.root = value;
    else if (flag === '--host') args.host = value;
    else if (flag === '--port') args.port = Number(value);
    else if (flag === '--alias') {
      const [prefix, dir] = value.split('=');
      if (prefix && dir) args.aliases[prefix] = dir;
    } else throw new Error(`static-server: unknown argument ${flag}`);
  }
  if (!args.root) throw new Error('static-server: --root is required');
  return args;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = parseArgs(process.argv.slice(2));
  const server = createStaticServer({
    root: args.root,
    aliases: args.aliases,
    onMissing: (p) => process.stderr.write(`${new Date().toISOString()} 404 ${p}\n`),
  });
  server.listen(args.port, args.host, () => process.stdout.write(`static-server: ${args.root} on http://${args.host}:${args.port}/\n`));
  const stop = (): void => {
    server.close();
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
