/**
 * Claims a participant namespace from `first` upward, skipping indexes that another live run holds
 * (createParticipantNamespace refuses those with ALREADY_RUNNING), so two runs on one machine never
 * fight over `mb-pN`. Indexes are bounded by the lab's /24 (10.99.0.20 + N).
 */
import { isExpectedError } from '../../results/errors.ts';
import { createParticipantNamespace, type ParticipantNamespace } from './participant-namespace.ts';
import { HarnessError } from '../errors.ts';
import { readCurrentState } from './lab-state.ts';

const MAX_INDEX = 230;

export async function claimParticipantNamespace(first: number, chromiumPath: string): Promise<ParticipantNamespace> {
  for (let index = first; index <= MAX_INDEX; index += 1) {
    // createParticipantNamespace replaces a namespace this very process holds (it assumes a leftover of
    // ours): skip the ones our other participants use right now, or two browsers end up in one namespace
    if (readCurrentState()?.participants.some((p) => p.index === index && p.owner.pid === process.pid)) continue;
    try {
      return await createParticipantNamespace(index, { chromiumPath });
    } catch (error) {
      if (isExpectedError(error) && error.code === 'ALREADY_RUNNING') continue;
      throw error;
    }
  }
  throw new HarnessError('LAB_FAILED', `no free participant namespace between mb-p${first} and mb-p${MAX_INDEX}`, {
    hint: 'other runs hold them: wait for them to end, or `meetbench lab down` if they are gone',
  });
}
