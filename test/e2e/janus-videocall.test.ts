/**
 * janus-videocall end to end on the lab's real Janus (its VideoCall plugin and official demo page):
 * - through the real CLI, rooms of 2 as pages of one profile over WebSockets: every participant is in a
 *   1:1 call, sends its camera and receives the other's;
 * - a caller whose callee has not registered yet (Janus answers "doesn't exist") keeps calling until the
 *   callee is there, within its join budget, and both end up in the call, on one PeerConnection each;
 * - a name an earlier call still holds (its page closed before Janus heard it hang up): the participant
 *   registers a spare name, its caller calls that one, and both end up in the call.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { janusVideocallAdapter } from '../../harness/adapters/janus-videocall/index.ts';
import {
  createParticipantNamespace,
  installCleanupHandlers,
  labDown,
  labUp,
  removeParticipantNamespace,
  type ParticipantNamespace,
} from '../../harness/lab/index.ts';
import { Participant } from '../../harness/participants/participant.ts';
import type { RunRecord } from '../../results/run-record.ts';
import { labMissing, shouldSkip } from '../helpers/requirements.ts';
import { runCli, runMeasuredScenario } from '../helpers/run-cli.ts';
import { tempDir } from '../helpers/temp-dir.ts';

const skip = shouldSkip('test/e2e/janus-videocall.test.ts', '1:1 calls on the lab Janus VideoCall plugin', labMissing());
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(skip)('janus-videocall: rooms of 2 as 1:1 calls', () => {
  const dir = tempDir('mb-e2e-videocall-');

  it("puts every participant in a call with its room mate: each sends, and receives the other's camera only", async () => {
    const file = path.join(dir, 'calls.yaml');
    writeFileSync(
      file,
      `name: e2e-videocall
platforms:
  - { id: teleconsult, adapter: janus-videocall, url: "lab:janus", options: { server: "ws://{host}:8188/" } }
participants:
  count: 4
  media: { width: 320, height: 180, fps: 15 }
  rampUpMs: 300
rooms: { count: 2 }
durationS: 6
warmupS: 3
runner: { browser: shared, isolation: page, render: false, playAudio: false }
`,
    );
    const result = await runMeasuredScenario(file, { dataDir: dir });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect([0, 4], `exit ${result.code}\n${result.stdout}\n${result.stderr.slice(-2000)}`).toContain(result.code);
    const run = JSON.parse((await runCli(['report', 'latest', '--format', 'json'], { dataDir: dir })).stdout) as RunRecord;
    const trial = run.trials[0]!;
    expect(trial.participants.map((p) => p.joined)).toEqual([true, true, true, true]);
    for (const p of trial.participants) {
      expect(p.uplinkKbps.avg, `${p.name} uplink`).toBeGreaterThan(50);
      expect(p.metrics.fps_received, `${p.name} decoded frames`).toBeGreaterThan(5);
      // one remote camera: about what the peer sends, not a room's worth
      expect(p.metrics.video_downlink_kbps!, `${p.name} video downlink`).toBeLessThan(
        1.6 * Math.max(...trial.participants.map((q) => q.metrics.video_uplink_kbps ?? 0)),
      );
    }
  });
});

describe.skipIf(skip)('janus-videocall: a caller before its callee', () => {
  const dataDir = tempDir('mb-e2e-videocall-lab-');
  const artifactDir = tempDir('mb-e2e-videocall-art-');
  const started: Array<{ participant: Participant; namespace: ParticipantNamespace }> = [];
  let reused = true;
  let origin = '';
  let nextNamespace = 225;
  const uninstall = installCleanupHandlers();

  beforeAll(async () => {
    const up = await labUp({ dataDir, platforms: ['janus'], waitMs: 120_000 });
    reused = up.reused;
    origin = new URL(up.state.platforms.find((p) => p.id === 'janus')!.endpoints!.pageUrl.replace('{room}', '1')).origin;
  }, 180_000);

  afterAll(async () => {
    for (const { participant, namespace } of started) {
      await participant.close().catch(() => undefined);
      await removeParticipantNamespace(namespace).catch(() => undefined);
    }
    if (!reused) await labDown(dataDir).catch(() => undefined);
    uninstall();
  });

  /** `url`: the deployment as this participant names it (the adapter knows registrations by that name) */
  async function participant(name: string, roomMembers: string[], url: string): Promise<Participant> {
    const namespace = await createParticipantNamespace(nextNamespace++);
    const one = new Participant({
      info: { name, index: started.length, role: 'sender', room: '1', roomMembers },
      platform: { id: 'janus', adapter: janusVideocallAdapter.id, url, options: {} },
      adapter: janusVideocallAdapter,
      media: { width: 320, height: 180, fps: 15 },
      joinTimeoutMs: 30_000,
      closeTimeoutMs: 3000,
      wrapper: namespace.chromiumWrapper,
      insecureOrigins: [origin],
      artifactDir,
    });
    started.push({ participant: one, namespace });
    return one;
  }

  async function openPeerConnections(one: Participant): Promise<number> {
    return one.page!.evaluate(
      () =>
        (window as unknown as { __meetbench: { peerConnections(): Array<{ connected: boolean; closed: boolean; excluded: boolean }> } }).__meetbench
          .peerConnections()
          .filter((p) => p.connected && !p.closed && !p.excluded).length,
    );
  }

  it('waits for a callee this runner drives to register, calls once, and both are in the call on one PeerConnection each', async () => {
    const members = ['callee1', 'caller2'];
    const caller = await participant('caller2', members, origin);
    const callee = await participant('callee1', members, origin);
    // the caller opens its page first, the callee only 4 s later
    const callerJoin = caller.join();
    await sleep(4000);
    const [callerOutcome, calleeOutcome] = await Promise.all([callerJoin, callee.join()]);
    expect(callerOutcome.error, `caller failed at ${callerOutcome.errorStep}`).toBeNull();
    expect(calleeOutcome.error, `callee failed at ${calleeOutcome.errorStep}`).toBeNull();
    // the caller's page was ready within 2-3 s; it called only after the callee registered, 4 s later
    expect(callerOutcome.marks.joinAction!).toBeGreaterThan(callerOutcome.marks.uiReady! + 2000);
    // both directions on one PeerConnection, where a VideoRoom has one to publish and one per remote feed
    for (const one of [caller, callee]) expect(await openPeerConnections(one), `${one.name}'s open PeerConnections`).toBe(1);
  });

  it('calls again while Janus answers "doesn\'t exist" for a callee it does not drive, until that callee has registered', async () => {
    const members = ['callee3', 'caller4'];
    // the same deployment under another name: the caller cannot see the callee register, as with a callee
    // driven by another runner, so it waits half its budget (15 s) and then calls
    const caller = await participant('caller4', members, origin);
    const callee = await participant('callee3', members, `${origin}/`);
    const callerJoin = caller.join();
    await sleep(19_000);
    const [callerOutcome, calleeOutcome] = await Promise.all([callerJoin, callee.join()]);
    expect(callerOutcome.error, `caller failed at ${callerOutcome.errorStep}`).toBeNull();
    expect(calleeOutcome.error, `callee failed at ${calleeOutcome.errorStep}`).toBeNull();
    // its first call, some 17 s in, found nobody (the callee opened its page 19 s in): it kept calling
    expect(callerOutcome.marks.joinedSignal! - callerOutcome.marks.joinAction!).toBeGreaterThan(1500);
  }, 60_000);

  it('registers a spare name when an earlier call still holds its own, and its caller calls the spare', async () => {
    // callee1 of the first test is still in its call: Janus holds the name "callee1"
    const members = ['callee1', 'caller6'];
    const callee = await participant('callee1', members, origin);
    const caller = await participant('caller6', members, origin);
    const calleeJoin = callee.join();
    await sleep(1000);
    const [calleeOutcome, callerOutcome] = await Promise.all([calleeJoin, caller.join()]);
    expect(calleeOutcome.error, `callee failed at ${calleeOutcome.errorStep}`).toBeNull();
    expect(callerOutcome.error, `caller failed at ${callerOutcome.errorStep}`).toBeNull();
    const usernames = async (one: Participant): Promise<{ mine: string; peer: string }> =>
      one.page!.evaluate(() => {
        const w = window as unknown as { myusername?: string; yourusername?: string };
        return { mine: String(w.myusername), peer: String(w.yourusername) };
      });
    const spare = (await usernames(callee)).mine;
    expect(spare).toMatch(/^callee1r[0-9a-z]{4}$/);
    expect(await usernames(caller)).toEqual({ mine: 'caller6', peer: spare });
  }, 60_000);
});
