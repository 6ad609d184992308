/**
 * The platform-adapter contract: what every adapter must do, checked with real Chromium participants in
 * the lab's namespaces, on a real lab platform (Janus, LiveKit) or on a replica page whose media go
 * through the lab's Janus.
 *   - join: two senders join one room, each reaches the platform's joined signal with its own media flowing,
 *     and each receives the other's media through the SFU (downlink > 0 from getStats);
 *   - leave: the adapter's leave closes the participant's peer connections;
 *   - failure reporting: a changed page (renamed button) fails naming the step and the selector, with a
 *     screenshot; a URL that never answers fails at the first step that talks to it, within the timeout;
 *   - secrets used by the adapter never appear in errors or console logs.
 * What differs per adapter is data (adapter-expectations.json), not branches here.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PlatformAdapter, PlatformTarget } from '../../harness/adapters/platform-adapter.ts';
import { createParticipantNamespace, removeParticipantNamespace, type ParticipantNamespace } from '../../harness/lab/index.ts';
import { Participant, type JoinOutcome } from '../../harness/participants/participant.ts';
import { tempDir } from '../helpers/temp-dir.ts';

export interface AdapterExpectation {
  target: string;
  reason?: string;
  room: string;
  options: Record<string, unknown>;
  /** `target`: where the changed page runs when not where the adapter's other cases do (a replica of a lab platform) */
  failure: { via: 'renamed' | 'options'; target?: string; options: Record<string, unknown>; step: string; mentions: string };
  neverAnswers: { step: string };
  /** `role: receiver`: a listener, camera and microphone off (the adapter's receiveOnly), which must send no sound */
  variants: Array<{ name: string; room: string; options: Record<string, unknown>; excludedPeerConnections?: number; role?: 'sender' | 'receiver' }>;
  gaps: string[];
}

export interface ContractEnvironment {
  /** base URL for the adapter's target (lab or replica), normal or renamed variant */
  url(target: string, variant: 'normal' | 'renamed'): string;
  neverAnswersUrl: string;
  /** secrets the suite set; none may show up in errors or logs */
  secrets: string[];
  /** a fresh participant namespace index for each browser */
  nextNamespaceIndex(): number;
}

const JOIN_TIMEOUT_MS = 30_000;
const FAIL_TIMEOUT_MS = 10_000;
const MEDIA = { width: 320, height: 180, fps: 15 };
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface Joined {
  participant: Participant;
  namespace: ParticipantNamespace;
  outcome: JoinOutcome;
}

export function platformAdapterContract(adapter: PlatformAdapter, expectation: AdapterExpectation, env: () => ContractEnvironment): void {
  describe(`platform adapter contract: ${adapter.id} (${expectation.target.startsWith('lab:') ? `real lab platform ${expectation.target.slice(4)}` : `replica ${expectation.target}`})`, () => {
    const started: Joined[] = [];
    const artifactDir = tempDir(`mb-contract-${adapter.id}-`);
    for (const gap of expectation.gaps) process.stdout.write(`  known gap of ${adapter.id}: ${gap}\n`);

    const target = (variant: 'normal' | 'renamed', options: Record<string, unknown>, url?: string, where = expectation.target): PlatformTarget => ({
      id: `contract-${adapter.id}`,
      adapter: adapter.id,
      url: url ?? env().url(where, variant),
      options: expand(options, env().url(where, 'normal')),
    });

    /** `members`: everyone the test puts in the room, in joining order (a 1:1 platform pairs them) */
    async function joinOne(
      platform: PlatformTarget,
      name: string,
      room: string,
      timeoutMs = JOIN_TIMEOUT_MS,
      members = [name],
      role: 'sender' | 'receiver' = 'sender',
    ): Promise<Joined> {
      const namespace = await createParticipantNamespace(env().nextNamespaceIndex());
      const participant = new Participant({
        info: { name, index: started.length, role, room, roomMembers: members },
        platform,
        adapter,
        media: MEDIA,
        joinTimeoutMs: timeoutMs,
        closeTimeoutMs: 3000,
        wrapper: namespace.chromiumWrapper,
        insecureOrigins: [new URL(platform.url).origin],
        artifactDir,
      });
      const joined: Joined = { participant, namespace, outcome: await participant.join() };
      started.push(joined);
      return joined;
    }

    async function release(list: Joined[]): Promise<void> {
      for (const j of list) {
        await j.participant.close().catch(() => undefined);
        await removeParticipantNamespace(j.namespace).catch(() => undefined);
        started.splice(started.indexOf(j), 1);
      }
    }

    afterAll(async () => {
      await release([...started]);
    });

    function expectNoSecrets(outcome: JoinOutcome, participant: Participant): void {
      const text = [outcome.error ?? '', ...participant.consoleErrors, ...participant.artifacts].join('\n');
      for (const secret of env().secrets) expect(text.includes(secret), 'a secret appeared in an error, a console log or an artifact name').toBe(false);
    }

    it('join + joined signal: two participants join, each with its own media flowing, each receiving the other through the SFU', async () => {
      const platform = target('normal', expectation.options);
      const members = ['bench1', 'bench2'];
      const pair = await Promise.all([
        joinOne(platform, 'bench1', expectation.room, JOIN_TIMEOUT_MS, members),
        sleep(500).then(() => joinOne(platform, 'bench2', expectation.room, JOIN_TIMEOUT_MS, members)),
      ]);
      try {
        for (const { outcome, participant } of pair) {
          expect(outcome.error, `${participant.name} failed at ${outcome.errorStep}`).toBeNull();
          expect(outcome.joined).toBe(true);
          expect(outcome.marks.joinedSignal).toBeGreaterThan(0);
          expect(outcome.joinTimeMs).toBeGreaterThan(0);
          expectNoSecrets(outcome, participant);
        }
        // media through the SFU: rates need two readings; give subscriptions a moment to settle
        await sleep(2500);
        for (const { participant } of pair) await participant.sample(0);
        await sleep(2000);
        for (const { participant } of pair) {
          const sample = await participant.sample(2);
          expect(sample, `${participant.name} gave no sample`).not.toBeNull();
          expect(sample!.uplinkKbps, `${participant.name} uplink`).toBeGreaterThan(20);
          expect(sample!.downlinkKbps, `${participant.name} downlink (the other's media)`).toBeGreaterThan(20);
        }

        // leave: the adapter's own leave closes this participant's peer connections
        const [first] = pair;
        await first!.participant.leave();
        const page = first!.participant.page!;
        const open = async (): Promise<number> =>
          page.evaluate(() => {
            const mb = (window as unknown as { __meetbench?: { peerConnections(): Array<{ connected: boolean; closed: boolean; excluded: boolean }> } })
              .__meetbench;
            return mb ? mb.peerConnections().filter((p) => p.connected && !p.closed && !p.excluded).length : 0;
          });
        let remaining = await open().catch(() => 0);
        for (let i = 0; i < 50 && remaining > 0; i += 1) {
          await sleep(100);
          remaining = await open().catch(() => 0);
        }
        expect(remaining, 'peer connections still open 5 s after leave').toBe(0);
      } finally {
        await release(pair);
      }
    });

    it(`failure reporting: a changed page fails at "${expectation.failure.step}" naming ${expectation.failure.mentions}, with a screenshot`, async () => {
      const options = { ...expectation.options, ...expectation.failure.options };
      const platform = target(expectation.failure.via === 'renamed' ? 'renamed' : 'normal', options, undefined, expectation.failure.target);
      const joined = await joinOne(platform, 'bench3', expectation.room, FAIL_TIMEOUT_MS);
      try {
        expect(joined.outcome.joined).toBe(false);
        expect(joined.outcome.errorStep).toBe(expectation.failure.step);
        expect(joined.outcome.error).toContain(expectation.failure.mentions);
        expect(joined.participant.artifacts.some((a) => a.endsWith('.png'))).toBe(true);
        expect(
          existsSync(
            path.join(
              artifactDir,
              joined.participant.artifacts.find((a) => a.endsWith('.png'))!,
            ),
          ),
        ).toBe(true);
        expectNoSecrets(joined.outcome, joined.participant);
      } finally {
        await release([joined]);
      }
    });

    it(`failure reporting: a URL that never answers fails at "${expectation.neverAnswers.step}" within the timeout`, async () => {
      const platform = target('normal', expectation.options, env().neverAnswersUrl);
      const t0 = Date.now();
      const joined = await joinOne(platform, 'bench4', expectation.room, FAIL_TIMEOUT_MS);
      const elapsed = Date.now() - t0;
      try {
        expect(joined.outcome.joined).toBe(false);
        expect(joined.outcome.errorStep).toBe(expectation.neverAnswers.step);
        // the join budget plus browser start and stop, not minutes
        expect(elapsed).toBeLessThan(FAIL_TIMEOUT_MS + 15_000);
        expectNoSecrets(joined.outcome, joined.participant);
      } finally {
        await release([joined]);
      }
    });

    for (const variant of expectation.variants) {
      const what = variant.role === 'receiver' ? 'a listener joins, its microphone sending no sound' : 'one participant joins with its own media flowing';
      it(`variant "${variant.name}": ${what}`, async () => {
        const joined = await joinOne(target('normal', variant.options), 'bench5', variant.room, JOIN_TIMEOUT_MS, ['bench5'], variant.role ?? 'sender');
        try {
          expect(joined.outcome.error, `failed at ${joined.outcome.errorStep}`).toBeNull();
          expect(joined.outcome.joined).toBe(true);
          expectNoSecrets(joined.outcome, joined.participant);
          if (variant.role === 'receiver') {
            await sleep(2000);
            expect(await audioEnergySent(joined.participant), 'audio energy the listener sent (getStats)').toBe(0);
          }
          if (variant.excludedPeerConnections !== undefined) {
            const excluded = await joined.participant.page!.evaluate(
              () =>
                (window as unknown as { __meetbench: { peerConnections(): Array<{ excluded: boolean }> } }).__meetbench
                  .peerConnections()
                  .filter((p) => p.excluded).length,
            );
            expect(excluded, 'peer connections excluded from bandwidth').toBe(variant.excludedPeerConnections);
          }
        } finally {
          await release([joined]);
        }
      });
    }
  });
}

/** the audio energy a participant's microphone sent so far (getStats media-source totalAudioEnergy): 0 when silent */
async function audioEnergySent(participant: Participant): Promise<number> {
  return participant.page!.evaluate(async () => {
    const pcs = (window as unknown as { __meetbench: { connections(): RTCPeerConnection[] } }).__meetbench.connections();
    let energy = 0;
    for (const pc of pcs)
      (await pc.getStats()).forEach(
        (s: Record<string, unknown>) => (energy += s.type === 'media-source' && s.kind === 'audio' ? Number(s.totalAudioEnergy ?? 0) : 0),
      );
    return energy;
  });
}

/** `${REPLICA_HOST}` in option strings: the host of the target (replica URLs the options must name). */
function expand(options: Record<string, unknown>, baseUrl: string): Record<string, unknown> {
  const host = new URL(baseUrl).hostname;
  return JSON.parse(JSON.stringify(options).replaceAll('${REPLICA_HOST}', host)) as Record<string, unknown>;
}
