/** A small seeded store and the real viewer on 127.0.0.1 port 0, plus raw HTTP requests (no URL normalising). */
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openStore } from '../../../results/store/open-store.ts';
import { generateDataset } from '../../../results/seed/generate-dataset.ts';
import type { ResultsStore } from '../../../results/store/results-store.ts';
import { createApp, type AppOptions } from '../../../server/create-app.ts';
import { startServer, type RunningServer } from '../../../server/start-server.ts';

export interface Fixture {
  store: ResultsStore;
  dataDir: string;
  server: RunningServer;
  close(): Promise<void>;
}

export async function viewerFixture(options: { days?: number; auth?: AppOptions['auth']; criteria?: AppOptions['criteria'] } = {}): Promise<Fixture> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'meetbench-viewer-unit-'));
  const store = await openStore(dataDir);
  await generateDataset(store, { days: options.days ?? 3, detailedNights: 1 });
  const server = await startServer(
    createApp({ store, ...(options.auth ? { auth: options.auth } : {}), ...(options.criteria ? { criteria: options.criteria } : {}) }),
    '127.0.0.1',
    0,
  );
  return {
    store,
    dataDir,
    server,
    close: async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Sends the path exactly as given: fetch() would resolve `..` before sending and hide the attack. */
export function rawRequest(baseUrl: string, rawPath: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, path: rawPath, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}
