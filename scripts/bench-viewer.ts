/**
 * `npm run bench:viewer [-- --data-dir DIR --seconds 10 --connections 10]`: autocannon against the viewer
 * serving the seeded year of nightly runs (seeded first when the data directory is empty). The viewer runs
 * as its own process (`meetbench serve --port 0`) so the load generator does not share its event loop.
 * Prints p50/p95/p99 latency and throughput for the overview and a run page; the target is p95 < 100 ms.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openStore } from '../results/store/open-store.ts';
import { generateDataset } from '../results/seed/generate-dataset.ts';
import { percentile } from '../results/statistics.ts';

const ms = (v: number | null): string => (v === null ? '-' : `${v.toFixed(1)} ms`);

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: '.meetbench-seed' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
  },
});
const dataDir = path.resolve(values['data-dir']);
const store = await openStore(dataDir);
let runs = await store.listRuns();
if (runs.length === 0) {
  process.stderr.write(`seeding a year of nightly runs into ${dataDir} (about two minutes, once)...\n`);
  await generateDataset(store, { days: 365 });
  runs = await store.listRuns();
}
const latest = runs[0]!;

const child = spawn(process.execPath, ['bin/meetbench.js', '--data-dir', dataDir, 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve, reject) => {
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => {
    text += chunk.toString();
    const match = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(text);
    if (match) resolve(match[1]!);
  });
  child.once('exit', (code) => reject(new Error(`the viewer exited with ${code}`)));
});

async function bench(name: string, pathAndQuery: string): Promise<void> {
  // one warm request: the first one after start loads and parses the store file
  const first = Date.now();
  await fetch(`${url}${pathAndQuery}`).then((r) => r.arrayBuffer());
  const cold = Date.now() - first;
  const times: number[] = [];
  const result = await autocannon({
    url: `${url}${pathAndQuery}`,
    connections: Number(values.connections),
    duration: Number(values.seconds),
    setupClient: (client) => {
      client.on('response', (_status: number, _bytes: number, responseTime: number) => times.push(responseTime));
    },
  });
  const non2xx = result.non2xx + result.errors;
  process.stdout.write(
    `${name.padEnd(10)} ${pathAndQuery.padEnd(34)} requests ${String(times.length).padStart(6)}  ${result.requests.average.toFixed(0).padStart(5)} req/s  ` +
      `p50 ${ms(percentile(times, 50))}  p95 ${ms(percentile(times, 95))}  p99 ${ms(percentile(times, 99))}  ` +
      `first request ${cold} ms  errors ${non2xx}\n`,
  );
}

try {
  process.stdout.write(`viewer ${url} over ${runs.length} runs (${dataDir}), ${values.connections} connections, ${values.seconds} s each\n`);
  await bench('overview', '/');
  await bench('run page', `/runs/${latest.id}`);
  await bench('platform', '/platforms/jitsi-meet');
  await bench('api', `/api/runs/${latest.id}`);
} finally {
  child.kill('SIGTERM');
}
