// Child process for the multi-process store test: saves N runs with ids PREFIX-0..N-1.
import { openStore } from '../../results/store/open-store.ts';
import { makeRun } from './run-factory.ts';

const [dir, prefix, count] = process.argv.slice(2) as [string, string, string];
const store = await openStore(dir);
for (let i = 0; i < Number(count); i += 1) {
  await store.saveRun(makeRun({ id: `${prefix}-${i}`, startedAt: new Date(Date.now() + i).toISOString() }));
}
