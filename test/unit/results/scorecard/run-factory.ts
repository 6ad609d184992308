/** Small builders of run records for tests: valid by the run-record schema, overridable field by field. */
import { runRecordSchema, type ParticipantResult, type RunRecord, type Trial } from '../../../../results/run-record.ts';

export function participant(name: string, overrides: Partial<ParticipantResult> = {}): ParticipantResult {
  return {
    name,
    role: 'sender',
    joined: true,
    joinTimeMs: 1500,
    phases: { pageLoadMs: 300, uiReadyMs: 500, signallingMs: 200, iceMs: 250 },
    firstRemoteFrameMs: 2000,
    uplinkKbps: { avg: 900, p95: 1100 },
    downlinkKbps: { avg: 1800, p95: 2100 },
    kernel: null,
    metrics: {},
    error: null,
    artifacts: [],
    consoleErrors: [],
    ...overrides,
  };
}

/** a participant that never got in: no join time, no media */
export function failedParticipant(name: string, error = 'join: waiting for #register (timeout 20000 ms)'): ParticipantResult {
  return participant(name, {
    joined: false,
    joinTimeMs: null,
    firstRemoteFrameMs: null,
    uplinkKbps: { avg: null, p95: null },
    downlinkKbps: { avg: null, p95: null },
    error,
    errorStep: 'join',
  });
}

let counter = 0;
export function trial(overrides: Partial<Trial> = {}): Trial {
  counter++;
  return {
    id: `t${counter}`,
    platform: 'galene',
    scenario: 'demo',
    network: 'lan',
    repeat: 1,
    startedAt: '2026-11-29T08:00:00.000Z',
    finishedAt: '2026-11-29T08:01:00.000Z',
    verdict: 'passed',
    reason: null,
    participants: [participant('p1'), participant('p2'), participant('p3')],
    criteria: [],
    runner: { cpuPct: { avg: 30, max: 50 }, saturated: false },
    ...overrides,
  };
}

export function run(trials: Trial[], overrides: Partial<RunRecord> = {}): RunRecord {
  // parse through the contract schema, so a factory drifting from the contract fails loudly
  return runRecordSchema.parse({
    schemaVersion: 1,
    id: 'run-1',
    kind: 'run',
    startedAt: '2026-11-29T08:00:00.000Z',
    finishedAt: '2026-11-29T08:10:00.000Z',
    status: 'complete',
    verdict: 'passed',
    trials,
    ...overrides,
  });
}
