/**
 * Runs the platform-adapter contract against every registered adapter: the Janus adapters on the real lab
 * Janus, livekit-meet on the real lab LiveKit, the others on replica pages served from the lab's Janus
 * namespace (test/replicas), Galène skipped with its reason. Needs root (namespaces); otherwise every part
 * prints why it skips.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { ADAPTERS } from '../../harness/adapters/registry.ts';
import { installCleanupHandlers, labDown, labUp, type LabState } from '../../harness/lab/index.ts';
import { labMissing, livekitBlocked, livekitMissing, shouldSkip } from '../helpers/requirements.ts';
import { startReplicas, type RunningReplicas } from '../replicas/start-replicas.ts';
import type { ReplicaId } from '../replicas/replica-server.ts';
import { platformAdapterContract, type AdapterExpectation, type ContractEnvironment } from './platform-adapter.contract.ts';

const expectations = JSON.parse(readFileSync(new URL('./adapter-expectations.json', import.meta.url), 'utf8')) as Record<string, AdapterExpectation>;

// secrets for the replicas' server-side checks and the adapters' options (random per run)
const rand = (): string => Math.random().toString(36).slice(2, 12);
const SECRETS = {
  MB_CONTRACT_BBB_SECRET: `bbb-${rand()}${rand()}`,
  MB_CONTRACT_JITSI_PASSWORD: `jitsi-${rand()}`,
  MB_CONTRACT_NC_USER: 'benchuser',
  MB_CONTRACT_NC_PASSWORD: `nc-${rand()}`,
  MB_CONTRACT_LK_KEY: `APIkey${rand()}`,
  MB_CONTRACT_LK_SECRET: `lk-${rand()}${rand()}`,
  MB_CONTRACT_ZC_USER: 'bench1@example.org',
  MB_CONTRACT_ZC_PASSWORD: `zc-${rand()}`,
};
Object.assign(process.env, SECRETS, {
  MB_REPLICA_BBB_SECRET: SECRETS.MB_CONTRACT_BBB_SECRET,
  MB_REPLICA_JITSI_PASSWORD: SECRETS.MB_CONTRACT_JITSI_PASSWORD,
  MB_REPLICA_NC_USER: SECRETS.MB_CONTRACT_NC_USER,
  MB_REPLICA_NC_PASSWORD: SECRETS.MB_CONTRACT_NC_PASSWORD,
  MB_REPLICA_LIVEKIT_KEY: SECRETS.MB_CONTRACT_LK_KEY,
  MB_REPLICA_LIVEKIT_SECRET: SECRETS.MB_CONTRACT_LK_SECRET,
  MB_REPLICA_CARBONIO_USER: SECRETS.MB_CONTRACT_ZC_USER,
  MB_REPLICA_CARBONIO_PASSWORD: SECRETS.MB_CONTRACT_ZC_PASSWORD,
});

const root = !shouldSkip('test/contract/platform-adapter.test.ts', 'every adapter on the lab', labMissing());
// the lab platforms the expectations name (lab:janus, lab:livekit); Janus also serves the replicas
const labTargets = (): string[] => [
  'janus',
  ...Object.values(expectations).flatMap((e) => (typeof e === 'object' && e.target.startsWith('lab:') ? [e.target.slice(4)] : [])),
];
const noLivekit = root ? livekitMissing() : null;

// only the adapters named on MB_CONTRACT_ONLY (comma-separated) when set: handy while working on one
const only = process.env.MB_CONTRACT_ONLY?.split(',').filter(Boolean);

describe.skipIf(!root)('platform adapters against the lab and the replicas', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mb-contract-lab-'));
  let lab: LabState | null = null;
  let reused = false;
  let replicas: RunningReplicas | null = null;
  let uninstall: () => void = () => undefined;
  // participant namespaces high in the range, away from other suites' 0..N: about 5 per adapter from 160
  // (the range ends at 234; test/e2e/janus-videocall.test.ts uses 225 and up)
  let nextIndex = 160;

  beforeAll(async () => {
    uninstall = installCleanupHandlers();
    const platforms = [...new Set(labTargets())].filter((id) => id !== 'livekit' || noLivekit === null);
    const up = await labUp({ dataDir, platforms, rooms: { count: 8 }, waitMs: 120_000 });
    lab = up.state;
    reused = up.reused;
    const janus = lab.platforms.find((p) => p.id === 'janus')!;
    replicas = await startReplicas(janus.namespace, janus.address, janus.workDir);
  }, 180_000);

  afterAll(async () => {
    replicas?.stop();
    if (!reused) await labDown(dataDir).catch(() => undefined);
    uninstall();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const env = (): ContractEnvironment => ({
    url(target, variant) {
      if (target.startsWith('lab:')) return new URL(lab!.platforms.find((p) => p.id === target.slice(4))!.endpoints!.pageUrl.replace('{room}', '1')).origin;
      return replicas!.url(target as ReplicaId, variant);
    },
    neverAnswersUrl: replicas!.neverAnswersUrl,
    secrets: Object.values(SECRETS).filter((s) => s.length >= 8 && !s.includes('@') && s !== 'benchuser'),
    nextNamespaceIndex: () => nextIndex++,
  });

  for (const [id, adapter] of Object.entries(ADAPTERS)) {
    const expectation = expectations[id];
    if (!expectation) {
      it(`${id} has an entry in adapter-expectations.json`, () => {
        throw new Error(`adapter ${id} is registered but has no entry in test/contract/adapter-expectations.json`);
      });
      continue;
    }
    if (only && !only.includes(id)) continue;
    if (expectation.target === 'skip') {
      process.stdout.write(`\nSKIPPED contract of adapter ${id}: ${expectation.reason}\n`);
      it.skip(`${id}: ${expectation.reason}`, () => undefined);
      continue;
    }
    if (
      expectation.target === 'lab:livekit' &&
      shouldSkip('test/contract/platform-adapter.test.ts', `${id} on the lab LiveKit`, noLivekit, { blocked: livekitBlocked() })
    )
      continue;
    platformAdapterContract(adapter, expectation, env);
  }
});
