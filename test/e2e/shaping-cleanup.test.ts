/**
 * Nothing of the shaping stays behind:
 * - 20 consecutive shaped set-ups on a real participant namespace of the lab (not 20 browser trials: the
 *   shaping objects are what could leak, and a browser adds nothing to that): each one creates the
 *   namespace, applies a profile with every mechanism this kernel has (tbf both ways, nftables loss, the
 *   turn-only firewall), cuts and restores the link, removes the profile and the namespace, and checks
 *   that no qdisc, nft table, namespace or veth is left;
 * - a runner SIGKILLed in the middle of a shaped trial leaves its namespaces, qdiscs and tables (it had no
 *   chance to clean up), and the next start (the reaper every lab start and participant set-up runs)
 *   removes all of them, with the browsers inside.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParticipantNamespace, installCleanupHandlers, labDown, labUp, reapStale, removeParticipantNamespace } from '../../harness/lab/index.ts';
import { namespacePids } from '../../harness/lab/lab-network.ts';
import { readCurrentState } from '../../harness/lab/lab-state.ts';
import { isAlive } from '../../harness/system/processes.ts';
import { applyProfile, cutNetwork, listShapingSync, removeProfileSync, restoreNetworkSync, shapingFeatures } from '../../harness/network/index.ts';
import { profileSchema } from '../../harness/network/profile-schema.ts';
import { labMissing, shouldSkip } from '../helpers/requirements.ts';
import { startCli } from '../helpers/run-cli.ts';
import { log, tempDataDir, writeScenario } from './shaping-support.ts';

const skip = shouldSkip('test/e2e/shaping-cleanup.test.ts', 'shaping leaves nothing behind', labMissing());

const exists = (kind: 'netns' | 'link', name: string): boolean =>
  kind === 'netns'
    ? execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
        .split('\n')
        .some((l) => l.split(' ')[0] === name)
    : execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' }).includes(` ${name}@`);

const rootTables = (prefix: string): string[] =>
  execFileSync('nft', ['list', 'tables'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(` ${prefix}`));

describe.skipIf(skip)('20 consecutive shaped set-ups', () => {
  const data = tempDataDir('shaping-loop');
  let uninstall: () => void = () => undefined;
  let ownLab = false;

  beforeAll(async () => {
    uninstall = installCleanupHandlers({ exitOnSignal: false });
    // a lab with only its bridge (no platform needed), or the running one
    const up = await labUp({ dataDir: data.dir, platforms: [], waitMs: 150_000 });
    ownLab = !up.reused;
  });
  afterAll(async () => {
    if (ownLab) await labDown(data.dir).catch(() => undefined);
    uninstall();
    data.remove();
  });

  it('leave no qdisc, nft table, namespace or veth behind', async () => {
    const features = await shapingFeatures();
    const profile = profileSchema.parse({ uplink: { rateKbps: 300, lossPct: 5 }, downlink: { rateKbps: 1500, lossPct: 5 }, firewall: 'turn-only' });
    const index = 180;
    for (let round = 1; round <= 20; round += 1) {
      const ns = await createParticipantNamespace(index);
      const shaping = await applyProfile(ns, { name: 'everything', profile }, features, { acceptPartial: true, turnAddress: '10.99.0.4' });
      expect(shaping.notApplied).toEqual([]);
      const applied = listShapingSync(ns);
      expect(applied.qdiscs, `round ${round}`).toHaveLength(2);
      expect(applied.tables, `round ${round}`).toEqual([`table ${features.netdevEgress ? 'netdev' : 'inet'} mb-p${index}-shape`]);
      await cutNetwork(ns, features);
      expect(listShapingSync(ns).tables).toHaveLength(2);
      restoreNetworkSync(ns);
      // every other round removes the profile first; the others rely on the namespace removal alone
      if (round % 2 === 0) {
        removeProfileSync(ns);
        expect(listShapingSync(ns)).toEqual({ qdiscs: [], tables: [] });
      }
      await removeParticipantNamespace(ns);
      expect(exists('netns', ns.namespace), `round ${round}`).toBe(false);
      expect(exists('link', ns.hostVeth), `round ${round}`).toBe(false);
      expect(rootTables(`mb-p${index}`), `round ${round}`).toEqual([]);
    }
    log('20 rounds of apply/cut/restore/remove on mb-p180: nothing left');
  });
});

describe.skipIf(skip)('a runner killed with SIGKILL mid-trial', () => {
  const data = tempDataDir('shaping-kill');
  afterAll(() => data.remove());

  it('leaves shaping behind that the next start reaps', async () => {
    const file = writeScenario(
      data.dir,
      'kill',
      `name: e2e-shaping-kill
platforms:
  - { id: janus, adapter: janus-videoroom, url: "lab:janus" }
participants:
  count: 2
  rampUpMs: 500
  groups:
    - { name: capped, count: 1, network: capped }
    - { name: lossy, count: 1, network: lossy }
networkProfiles:
  capped: { uplink: { rateKbps: 300 }, downlink: { rateKbps: 600 } }
  lossy: { uplink: { lossPct: 5 }, downlink: { lossPct: 5 } }
durationS: 60
warmupS: 2
`,
    );
    const cli = startCli(['run', file], { dataDir: data.dir });
    await cli.waitFor(/measuring 60 s/, 150_000);
    const mine = (readCurrentState()?.participants ?? []).filter((p) => p.owner.pid === cli.child.pid);
    expect(mine).toHaveLength(2);
    const [capped, lossy] = mine.sort((a, b) => a.index - b.index);
    expect(listShapingSync(capped!).qdiscs).toHaveLength(2);
    expect(listShapingSync(lossy!).tables).toHaveLength(1);
    const browsers = mine.flatMap((p) => namespacePids(p.namespace));
    expect(browsers.length).toBeGreaterThan(0);

    cli.child.kill('SIGKILL');
    await cli.done;
    // no hook ran: everything is still there
    expect(exists('netns', capped!.namespace)).toBe(true);
    expect(listShapingSync(capped!).qdiscs).toHaveLength(2);

    // the next start: every labUp and participant set-up begins with this reaper
    const reaped = await reapStale();
    log(`reaped after SIGKILL: ${reaped.removed.join(', ')}`);
    for (const p of mine) {
      expect(exists('netns', p.namespace), p.namespace).toBe(false);
      expect(exists('link', p.hostVeth), p.hostVeth).toBe(false);
      expect(rootTables(`mb-p${p.index}`)).toEqual([]);
    }
    // the browsers inside went with their namespaces
    const deadline = Date.now() + 10_000;
    while (browsers.some(isAlive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(browsers.filter(isAlive)).toEqual([]);
  });
});
