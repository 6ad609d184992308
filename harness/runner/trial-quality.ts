/**
 * Each receiver's quality entry in the trial record: who it should have seen (the senders of its room,
 * with what they send and their browser's clock), handed with what the quality collector observed to the
 * pure summary (results/quality/quality-summary.ts).
 */
import type { QualityResults } from '../collectors/quality.ts';
import { isRemote } from '../collectors/clock-offset.ts';
import type { ParticipantQuality } from '../../results/run-record.ts';
import { receiverQuality } from '../../results/quality/quality-summary.ts';
import type { ExpectedSender } from '../../results/quality/quality-context.ts';
import { senderSignals } from '../scenario/quality-scope.ts';
import type { TrialMember } from './place-participants.ts';
import type { TrialPlan } from './trial-plan.ts';

export function participantQuality(
  plan: TrialPlan,
  members: TrialMember[],
  index: number,
  results: QualityResults,
  rttMs: number | null,
): { quality: ParticipantQuality; metrics: Record<string, number | null> } | null {
  const observed = results.observed.get(index);
  const member = members[index];
  if (!observed || !member) return null;
  const info = member.participant.options.info;
  const clockOf = (i: number): ExpectedSender['clock'] => (results.clocks.has(i) ? (results.clocks.get(i) ?? null) : null);
  const senders: ExpectedSender[] = members.flatMap((m, i) => {
    const other = m.participant.options.info;
    if (i === index || other.role !== 'sender' || !info.roomMembers.includes(other.name)) return [];
    return [{ index: i, name: other.name, ...senderSignals(plan.scenario, i), clock: clockOf(i), where: m.participant.where ?? 'local' }];
  });
  // the window as it ran, by the page's clock: an interrupted trial measured fewer seconds
  const durationS = observed.windowMs > 0 ? observed.windowMs / 1000 : Math.max(1, Math.min(plan.scenario.durationS, observed.seconds.length));
  const summary = receiverQuality(observed, {
    receiver: { name: info.name, clock: clockOf(index), where: member.participant.where ?? 'local' },
    senders,
    durationS,
    audioPlayed: plan.scenario.runner.playAudio,
    rttMs,
  });
  const clock = isRemote(member.participant.where) ? clockOf(index) : null;
  return { quality: { pairs: summary.pairs, mosDelay: summary.mosDelay, unmeasured: summary.unmeasured, clock }, metrics: summary.metrics };
}
