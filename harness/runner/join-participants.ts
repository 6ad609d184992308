/**
 * The join phase: joins start rampUpMs apart (join-order.ts decides the order) and run concurrently, each
 * bounded by its own timeout, so one hung page never holds the others.
 */
import { joinSlot } from './join-order.ts';
import type { TrialMember } from './place-participants.ts';
import { sleep, type TrialHooks, type TrialPlan } from './trial-plan.ts';

export async function joinParticipants(members: TrialMember[], plan: TrialPlan, hooks: TrialHooks): Promise<void> {
  const { scenario } = plan;
  hooks.progress(`${plan.target.id}: ${members.length} participant(s) joining, ${scenario.participants.rampUpMs} ms apart`);
  await Promise.all(
    members.map(async (member, i) => {
      await sleep(joinSlot(i, scenario.rooms.count, plan.adapter.capabilities.roomSize) * scenario.participants.rampUpMs, hooks.signal);
      if (hooks.signal.aborted) {
        member.outcome = { joined: false, marks: {}, joinTimeMs: null, error: 'interrupted before joining', errorStep: 'interrupted' };
        return;
      }
      const o = await member.participant.join();
      member.outcome = o;
      hooks.progress(
        o.joined ? `  ${member.participant.name} joined in ${o.joinTimeMs} ms` : `  ${member.participant.name} FAILED at ${o.errorStep}: ${o.error}`,
      );
    }),
  );
}
