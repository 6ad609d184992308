/**
 * The HTTP side of meetbench's replica pages (platforms that cannot run here: Jitsi Meet, BigBlueButton,
 * Nextcloud Talk, LiveKit Meet, Carbonio). One port per product so each replica has its own origin, as the
 * product would; a second port per product serves the "renamed" variant (the join button renamed, what
 * an upgrade that changes the page looks like); one more port accepts connections and never answers.
 * Started inside the lab's Janus namespace so pages live at http://10.99.0.2:PORT and ICE stays in the lab.
 * The server-side checks are real: BBB checksums, LiveKit JWT signatures, login credentials.
 *
 *   node --import tsx test/replicas/replica-server.ts --host 10.99.0.2 [--parent-pid N]
 * Secrets come from the environment (MB_REPLICA_*), never from arguments (visible in ps).
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { handleBbb } from './bigbluebutton/api-handler.ts';
import { handleCarbonio } from './zimbra-connect/server-handler.ts';
import { handleLivekit } from './livekit-meet/server-handler.ts';
import { handleNextcloud } from './nextcloud-talk/server-handler.ts';
import { handleJitsi } from './jitsi-meet/server-handler.ts';

export const REPLICA_DIR = path.dirname(fileURLToPath(import.meta.url));
export const JANUS_ASSETS = '/usr/share/janus/demos/javascript';
export const REPLICA_PORTS = { 'jitsi-meet': 8101, bigbluebutton: 8102, 'nextcloud-talk': 8103, 'livekit-meet': 8104, 'zimbra-connect': 8105 } as const;
export const VARIANT_OFFSET = 100;
export const NEVER_ANSWERS_PORT = 8299;
export type ReplicaId = keyof typeof REPLICA_PORTS;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

export interface ReplicaRequest {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  variant: 'normal' | 'renamed';
  /** serve a file of this replica's folder (HTML gets the variant meta) */
  sendPage(file: string): void;
  json(status: number, body: unknown): void;
  body(): Promise<string>;
  cookie(name: string): string | undefined;
}

/** Serve a file from a folder, refusing anything that leaves it. */
function sendFile(res: ServerResponse, dir: string, relative: string, variant: string): void {
  const file = path.join(dir, path.posix.normalize(`/${relative}`));
  if (!file.startsWith(dir)) {
    res.writeHead(403).end();
    return;
  }
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    return;
  }
  let content: Buffer | string = readFileSync(file);
  if (file.endsWith('.html')) content = content.toString('utf8').replace('<head>', `<head>\n<meta name="meetbench-replica-variant" content="${variant}">`);
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' }).end(content);
}

function makeRequest(id: ReplicaId, req: IncomingMessage, res: ServerResponse, variant: 'normal' | 'renamed'): ReplicaRequest {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'replica'}`);
  return {
    req,
    res,
    url,
    variant,
    sendPage: (file) => sendFile(res, path.join(REPLICA_DIR, id), file, variant),
    json: (status, body) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
    body: () =>
      new Promise((resolve, reject) => {
        let data = '';
        req.setEncoding('utf8');
        req.on('data', (chunk: string) => {
          data += chunk;
          if (data.length > 100_000) req.destroy();
        });
        req.on('end', () => resolve(data));
        req.on('error', reject);
      }),
    cookie: (name) =>
      (req.headers.cookie ?? '')
        .split(';')
        .map((c) => c.trim().split('='))
        .find(([k]) => k === name)?.[1],
  };
}

const HANDLERS: Record<ReplicaId, (r: ReplicaRequest) => Promise<void> | void> = {
  'jitsi-meet': handleJitsi,
  bigbluebutton: handleBbb,
  'nextcloud-talk': handleNextcloud,
  'livekit-meet': handleLivekit,
  'zimbra-connect': handleCarbonio,
};

export function createReplicaServer(id: ReplicaId, variant: 'normal' | 'renamed'): Server {
  return createServer((req, res) => {
    const r = makeRequest(id, req, res, variant);
    const p = r.url.pathname;
    // shared assets: the official janus.js and its adapter, and the replica media module
    if (p.startsWith('/janus-assets/')) return sendFile(res, JANUS_ASSETS, p.slice('/janus-assets/'.length), variant);
    if (p.startsWith('/_shared/')) return sendFile(res, path.join(REPLICA_DIR, 'shared'), p.slice('/_shared/'.length), variant);
    if (p.startsWith('/_r/')) return r.sendPage(p.slice('/_r/'.length));
    Promise.resolve(HANDLERS[id](r)).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`replica error: ${String(error)}\n`);
    });
  });
}

function main(): void {
  const args = process.argv.slice(2);
  const flag = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const host = flag('--host') ?? '127.0.0.1';
  const parent = Number(flag('--parent-pid') ?? 0);
  const servers: Array<{ close(): void }> = [];
  for (const [id, port] of Object.entries(REPLICA_PORTS) as Array<[ReplicaId, number]>) {
    for (const variant of ['normal', 'renamed'] as const) {
      const server = createReplicaServer(id, variant);
      server.listen(variant === 'normal' ? port : port + VARIANT_OFFSET, host);
      servers.push({ close: () => (server.close(), server.closeAllConnections()) });
    }
  }
  // a URL that never answers: connections are accepted and left hanging
  const hanging = createTcpServer((socket) => socket.on('error', () => undefined));
  hanging.listen(NEVER_ANSWERS_PORT, host);
  servers.push({ close: () => hanging.close() });
  process.stdout.write(`replica-server: ${Object.keys(REPLICA_PORTS).join(', ')} on ${host}\n`);
  const stop = (): void => {
    for (const s of servers) s.close();
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // never outlive the test that started us, even after its SIGKILL
  if (parent > 0) {
    setInterval(() => {
      try {
        process.kill(parent, 0);
      } catch {
        stop();
      }
    }, 1000).unref();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
