/** Builds run records for tests: realistic defaults, any field overridable. */
import type { ParticipantResult, RunRecord, Trial } from '../../results/run-record.ts';

export function makeParticipant(overrides: Partial<ParticipantResult> = {}): ParticipantResult {
  return {
    name: 'p1',
    role: 'sender',
    joined: true,
    joinTimeMs: 1200,
    phases: { pageLoadMs: 300, uiReadyMs: 400, signallingMs: 200, iceMs: 350 },
    firstRemoteFrameMs: 1500,
    uplinkKbps: { avg: 480, p95: 520 },
    downlinkKbps: { avg: 950, p95: 1010 },
    kernel: { uplinkKbps: 500, downlinkKbps: 990 },
    metrics: { join_time_ms: 1200, uplink_kbps: 480, downlink_kbps: 950 },
    error: null,
    artifacts: [],
    consoleErrors: [],
    ...overrides,
  };
}

export function makeTrial(overrides: Partial<Trial> = {}): Trial {
  return {
    id: 't1',
    platform: 'janus',
    scenario: 'demo',
    network: 'lan',
    repeat: 1,
    startedAt: '2026-11-29T10:00:00.000Z',
    finishedAt: '2026-11-29T10:01:00.000Z',
    verdict: 'passed',
    participants: [makeParticipant({ name: 'p1' }), makeParticipant({ name: 'p2' })],
    criteria: [],
    runner: { cpuPct: { avg: 40, max: 60 }, saturated: false },
    ...overrides,
  };
}

export function makeRun(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    schemaVersion: 1,
    id: 'run-1',
    kind: 'run',
    startedAt: '2026-11-29T10:00:00.000Z',
    finishedAt: '2026-11-29T10:02:00.000Z',
    status: 'complete',
    verdict: 'passed',
    trials: [makeTrial()],
    ...overrides,
  };
}
