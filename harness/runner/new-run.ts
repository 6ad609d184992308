/** A run as it is stored when it starts, before any trial. */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { RUN_SCHEMA_VERSION, type RunRecord } from '../../results/run-record.ts';
import { CHROMIUM_PATH } from '../participants/chromium-flags.ts';

export function newRunId(date = new Date()): string {
  return `${date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}-${randomBytes(3).toString('hex')}`;
}

function browserVersion(): string | null {
  try {
    return execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8', timeout: 10_000 }).trim();
  } catch {
    return null;
  }
}

/** `running`, and broken until judged: a crash never leaves it passed */
export function newRunRecord(kind: RunRecord['kind'], source: string): RunRecord {
  return {
    schemaVersion: RUN_SCHEMA_VERSION,
    id: newRunId(),
    kind,
    source,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    status: 'running',
    verdict: 'broken',
    reason: null,
    trials: [],
    host: { hostname: os.hostname(), cores: os.cpus().length, memoryMb: Math.round(os.totalmem() / 1024 / 1024), browser: browserVersion() },
  };
}
