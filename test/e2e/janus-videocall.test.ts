/**
 * janus-videocall end to end on the lab's real Janus (its VideoCall plugin and official demo page):
 * - through the real CLI, rooms of 2 as pages of one profile over WebSockets: every participant is in a
 *   1:1 call, sends its camera and receives the other's;
 * - a caller whose callee has not registered yet (Janus answers "doesn't exist") keeps calling until the
 *   callee is there, within its join budget, and both end up in the call, on one PeerConnection each.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { janusVideocallAdapter } from '../../harness/adapters/janus-videocall/index.ts';
import { createParticipantNamespace, installCleanupHandlers, labDown, labUp, removeParticipantNamespace, type ParticipantNamespace } from '../../harness/lab/index.ts';
import { Participant } from '../../harness/participants/participant.ts';
import type { RunRecord } from '../../results/run-record.ts';
import { labMissing, shouldSkip } from '../helpers/requirements.ts';
import { runCli } from '../helpers/run-cli.ts';
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
    const result = await runCli(['run', file], { dataDir: dir });
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect([0, 4], `exit ${result.code}\n${result.stdout}\n${result.stderr.slice(-2000)}`).toContain(result.code);
    const run = JSON.parse((await runCli(['report', 'latest', '--format', 'json'], { dataDir: dir })).stdout) as RunRecord;
    const trial = run.trials[0]!;
    expect(trial.participants.map((p) => p.joined)).toEqual([true, true, true, true]);
    for (const p of trial.participants) {
      expect(p.uplinkKbps.avg, `${p.name} uplink`).toBeGreaterThan(50);
      expect(p.metrics.fps_received, `${p.name} decoded frames`).toBeGreaterThan(5);
      // one remote camera: about what the peer sends, not a room's worth
      expect(p.metrics.video_downlink_kbps!, `${p.name} video downlink`).toBeLessThan(1.6 * Math.max(...trial.participants.map((q) => q.metrics.video_uplink_kbps ?? 0)));
    }
  });
});

describe.skipIf(skip)('janus-videocall: a caller before its callee', () => {
  const dataDir = tempDir('mb-e2e-videocall-lab-');
  const artifactDir = tempDir('mb-e2e-videocall-art-');
  const started: Array<{ participant: Participant; namespace: ParticipantNamespace }> = [];
  let reused = true;
  const uninstall = installCleanupHandlers();

  afterAll(async () => {
    for (const { participant, namespace } of started) {
      await participant.close().catch(() => undefined);
      await removeParticipantNamespace(namespace).catch(() => undefined);
    }
    if (!reused) await labDown(dataDir).catch(() => undefined);
    uninstall();
  });

  it('keeps calling until the callee has registered, and both end up in the call, on one PeerConnection each', async () => {
    const up = await labUp({ dataDir, platforms: ['janus'], waitMs: 120_000 });
    reused = up.reused;
    const janus = up.state.platforms.find((p) => p.id === 'janus')!;
    const url = new URL(janus.endpoints!.pageUrl.replace('{room}', '1')).origin;
    const roomMembers = ['callee1', 'caller2'];
    const join = async (name: string, index: number): Promise<Participant> => {
      const namespace = await createParticipantNamespace(230 + index);
      const participant = new Participant({
        info: { name, index, role: 'sender', room: '1', roomMembers },
        platform: { id: 'janus', adapter: janusVideocallAdapter.id, url, options: {} },
        adapter: janusVideocallAdapter,
        media: { width: 320, height: 180, fps: 15 },
        joinTimeoutMs: 30_000,
        closeTimeoutMs: 3000,
        wrapper: namespace.chromiumWrapper,
        insecureOrigins: [url],
        artifactDir,
      });
      started.push({ participant, namespace });
      return participant;
    };
    const caller = await join('caller2', 1);
    const callee = await join('callee1', 0);
    // the caller opens its page first; the callee only 4 s later, so the first calls find nobody
    const callerJoin = caller.join();
    await sleep(4000);
    const [callerOutcome, calleeOutcome] = await Promise.all([callerJoin, callee.join()]);
    expect(callerOutcome.error, `caller failed at ${callerOutcome.errorStep}`).toBeNull();
    expect(calleeOutcome.error, `callee failed at ${calleeOutcome.errorStep}`).toBeNull();
    // the caller was in the call only after the callee answered, seconds after its own first call
    expect(callerOutcome.joinTimeMs!).toBeGreaterThan(calleeOutcome.joinTimeMs!);
    expect(callerOutcome.marks.joinedSignal! - callerOutcome.marks.joinAction!).toBeGreaterThan(2000);
    // both directions on one PeerConnection, where a VideoRoom has one to publish and one per remote feed
    for (const participant of [caller, callee]) {
      const open = await participant.page!.evaluate(() =>
        (window as unknown as { __meetbench: { peerConnections(): Array<{ connected: boolean; closed: boolean; excluded: boolean }> } }).__meetbench
          .peerConnections()
          .filter((p) => p.connected && !p.closed && !p.excluded).length,
      );
      expect(open, `${participant.name}'s open PeerConnections`).toBe(1);
    }
  });
});
