/**
 * The tear-down phase, which always runs: the page marks read once more (events after the join, such as
 * the first remote frame of the first participant, are known by now), network shaping removed, every
 * participant leaves and closes, shared browsers close, namespaces go. Each step is best effort: a page
 * that is gone must not keep the others' browsers alive.
 */
import { removeParticipantNamespace } from '../lab/index.ts';
import type { BrowserPool } from '../participants/browser-pool.ts';
import type { TrialMember } from './place-participants.ts';
import type { TrialPlan } from './trial-plan.ts';

export async function tearDownTrial(members: TrialMember[], pool: BrowserPool, plan: TrialPlan): Promise<void> {
  await Promise.all(
    members.map(async (m) => {
      if (m.outcome?.joined) m.outcome.marks = { ...m.outcome.marks, ...(await m.participant.marks().catch(() => ({}))) };
    }),
  );
  plan.networks?.finish();
  await Promise.all(members.map((m) => m.participant.leave().catch(() => undefined)));
  await Promise.all(members.map((m) => m.participant.close().catch(() => 'killed')));
  await pool.close(plan.scenario.timeouts.closeMs);
  for (const m of members) if (m.namespace) await removeParticipantNamespace(m.namespace).catch(() => undefined);
}
