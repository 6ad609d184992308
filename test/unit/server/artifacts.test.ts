import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, viewerFixture, type Fixture } from './viewer-fixture.ts';

const RUN = 'nightly-2026-11-28';
const TRIAL = 'zimbra-connect-lan-r1';
let fx: Fixture;

beforeAll(async () => {
  fx = await viewerFixture();
  // a listed artifact that is a symlink to a file outside the data directory must not be served
  const run = (await fx.store.getRun(RUN))!;
  const trial = run.trials.find((t) => t.id === TRIAL)!;
  const dir = await fx.store.artifactDir(RUN, TRIAL);
  await fs.writeFile(path.join(path.dirname(fx.dataDir), 'meetbench-outside-secret.txt'), 'SECRET-OUTSIDE\n');
  await fs.symlink(path.join(path.dirname(fx.dataDir), 'meetbench-outside-secret.txt'), path.join(dir, 'escape.txt'));
  trial.participants[0]!.artifacts.push('escape.txt');
  await fx.store.saveRun(run);
});

afterAll(async () => {
  await fx.close();
  await fs.rm(path.join(path.dirname(fx.dataDir), 'meetbench-outside-secret.txt'), { force: true });
});

describe('artifacts are served only from inside the data directory', () => {
  it('serves a listed failure screenshot as a PNG', async () => {
    const res = await rawRequest(fx.server.url, `/artifacts/${RUN}/${TRIAL}/chlo-failure.png`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
  });

  const attacks = [
    `/artifacts/${RUN}/${TRIAL}/../../../meetbench.json`,
    `/artifacts/${RUN}/${TRIAL}/..%2f..%2f..%2fmeetbench.json`,
    `/artifacts/${RUN}/${TRIAL}/%2e%2e%2f%2e%2e%2f%2e%2e%2fmeetbench.json`,
    `/artifacts/${RUN}/${TRIAL}/%2e%2e%2F%2e%2e%2F%2e%2e%2F%2e%2e%2F%2e%2e%2Fetc%2Fpasswd`,
    `/artifacts/${RUN}/%2e%2e/chlo-failure.png`,
    `/artifacts/%2e%2e/${TRIAL}/chlo-failure.png`,
    `/artifacts/${RUN}/${TRIAL}/%2Fetc%2Fpasswd`,
    `/artifacts/${RUN}/${TRIAL}//etc/passwd`,
    '/artifacts//etc/passwd',
    '/artifacts/etc/passwd',
    `/artifacts/${RUN}/${TRIAL}/..%5c..%5cmeetbench.json`,
    `/artifacts/${RUN}/${TRIAL}/${'a'.repeat(300)}.png`,
    `/artifacts/${RUN}/${TRIAL}/not-listed.png`,
    `/artifacts/${RUN}/${TRIAL}/escape.txt`,
    `/artifacts/${RUN}/${TRIAL}/.hidden.png`,
    `/artifacts/${RUN}/${TRIAL}/chlo-failure.png%00.txt`,
  ];
  for (const attack of attacks) {
    it(`refuses ${attack.length > 90 ? `${attack.slice(0, 90)}…` : attack} with a 4xx and no outside file`, async () => {
      const res = await rawRequest(fx.server.url, attack);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body).not.toContain('schemaVersion');
      expect(res.body).not.toContain('root:');
      expect(res.body).not.toContain('SECRET-OUTSIDE');
    });
  }
});
