/**
 * The web side of the lab's LiveKit, run inside its namespace beside the server (as LiveKit Meet's Next.js
 * server runs beside a LiveKit deployment):
 *   GET /rooms/<room>, /custom           the meeting page (build-meeting-page.ts)
 *   GET /api/connection-details?roomName=R&participantName=N
 *                                        a token for N in room R and the server URL, the answer LiveKit
 *                                        Meet's own route gives: { serverUrl, roomName, participantName, participantToken }
 *   anything else                        the page's files
 * Tokens are minted with the keys of the LiveKit configuration the lab wrote for this start.
 *
 *   node --import tsx meeting-page-server.ts --root DIR --host ADDR --port N --livekit-config FILE --server-url ws://ADDR:7880
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { staticFiles } from '../static-server.ts';
import { keysFromConfig, type LivekitKeys } from './livekit-config.ts';
import { mintRoomToken } from './livekit-tokens.ts';

export interface MeetingPageServerOptions {
  root: string;
  keys: LivekitKeys;
  serverUrl: string;
}

export function createMeetingPageServer(options: MeetingPageServerOptions): Server {
  const files = staticFiles({ root: options.root, onMissing: (p) => process.stderr.write(`${new Date().toISOString()} 404 ${p}\n`) });
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://lab');
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
    };
    if (url.pathname === '/api/connection-details') {
      const roomName = url.searchParams.get('roomName');
      const participantName = url.searchParams.get('participantName');
      if (!roomName || !participantName) return json(400, { error: 'roomName and participantName are required' });
      mintRoomToken(options.keys, { room: roomName, identity: participantName }).then(
        (participantToken) => json(200, { serverUrl: options.serverUrl, roomName, participantName, participantToken }),
        (error: unknown) => json(500, { error: (error as Error).message }),
      );
      return;
    }
    // the page routes by its own address; its files are absolute (/meeting-page.js)
    if (/^\/rooms\/[^/]+\/?$/.test(url.pathname) || url.pathname === '/custom') req.url = '/index.html';
    files(req, res);
  });
}

function parseArgs(argv: string[]): { root: string; host: string; port: number; config: string; serverUrl: string } {
  const args = { root: '', host: '127.0.0.1', port: 8000, config: '', serverUrl: '' };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1] ?? ''];
    if (flag === '--root') args.root = value;
    else if (flag === '--host') args.host = value;
    else if (flag === '--port') args.port = Number(value);
    else if (flag === '--livekit-config') args.config = value;
    else if (flag === '--server-url') args.serverUrl = value;
    else throw new Error(`meeting-page-server: unknown argument ${flag}`);
  }
  if (!args.root || !args.config || !args.serverUrl) throw new Error('meeting-page-server: --root, --livekit-config and --server-url are required');
  return args;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = parseArgs(process.argv.slice(2));
  const keys = keysFromConfig(parse(readFileSync(args.config, 'utf8')) as { keys?: Record<string, string> });
  const server = createMeetingPageServer({ root: args.root, keys, serverUrl: args.serverUrl });
  server.listen(args.port, args.host, () => process.stdout.write(`meeting-page-server: ${args.root} on http://${args.host}:${args.port}/\n`));
  const stop = (): void => {
    server.close();
    server.closeAllConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
