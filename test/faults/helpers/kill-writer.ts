// Child of the kill -9 store case: opens the store, says "ready", waits for "go" on stdin, then saves runs
// PREFIX-0, PREFIX-1, ... forever, printing "ack ID" only once saveRun resolved (the run is acknowledged).
// Bundled once by the test (esbuild, CommonJS) so each of the 200 children starts in a fraction of a second.
import { openStore } from '../../../results/store/open-store.ts';
import { makeRun } from '../../helpers/run-factory.ts';

async function main(): Promise<void> {
  const [dir, prefix] = process.argv.slice(2) as [string, string];
  const store = await openStore(dir);
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  for (let i = 0; ; i += 1) {
    const id = `${prefix}-${i}`;
    await store.saveRun(makeRun({ id, startedAt: new Date().toISOString() }));
    process.stdout.write(`ack ${id}\n`);
  }
}

void main();
