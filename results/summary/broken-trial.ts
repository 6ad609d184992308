/**
 * A planned trial, and the record of one that could not be measured: the lab did not come up, the
 * scenario failed as a whole, the platform could not be resolved. Broken, with the reason, never passed.
 */
import type { Trial } from '../run-record.ts';

export interface PlannedTrial {
  id: string;
  platform: string;
  adapter: string;
  scenario: string;
  network: string;
  repeat: number;
}

export function brokenTrial(planned: PlannedTrial, reason: string): Trial {
  const now = new Date().toISOString();
  return {
    ...planned,
    startedAt: now,
    finishedAt: now,
    verdict: 'broken',
    reason,
    participants: [],
    criteria: [],
    runner: { cpuPct: { avg: null, max: null }, saturated: false, reason: null },
  };
}
