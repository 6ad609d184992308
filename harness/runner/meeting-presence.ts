/**
 * At the end of the measurement window, each joined participant's platform is asked whether it still
 * counts the participant in the meeting (the adapter's `meetingState`, in the platform's own words). A
 * server that died mid-trial leaves the browsers alive and their pages open, but alone: without this
 * question their trial would pass on numbers that merely went quiet.
 */
import type { TrialMember } from './place-participants.ts';
import type { TrialHooks } from './trial-plan.ts';

export async function askWhoLeft(members: TrialMember[], hooks: TrialHooks): Promise<void> {
  if (hooks.signal.aborted) return;
  await Promise.all(
    members.map(async (m) => {
      if (!m.outcome?.joined || m.participant.crashed) return;
      m.leftMeeting = await m.participant.meetingState();
      if (m.leftMeeting) hooks.progress(`  ${m.participant.name} is no longer in the meeting: ${m.leftMeeting}`);
    }),
  );
}
