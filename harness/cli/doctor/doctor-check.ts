/** One row of `meetbench doctor`: a label, whether meetbench needs it, and the check itself. */
import { execFileSync } from 'node:child_process';

export type Status = 'ok' | 'missing' | 'unavailable' | 'failed';

export interface CheckResult {
  status: Status;
  detail: string;
  hint?: string;
}

export interface DoctorCheck {
  label: string;
  /** a failed required check makes `doctor` exit 3: meetbench cannot measure anything without it */
  required: boolean;
  check(): Promise<CheckResult>;
}

/** the first line a command prints of its own version, or null */
export function version(cmd: string, args: string[]): string | null {
  try {
    return (
      execFileSync(cmd, args, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] })
        .trim()
        .split('\n')[0] ?? null
    );
  } catch {
    return null;
  }
}

export const needsRoot: CheckResult = { status: 'unavailable', detail: 'needs root', hint: 'run as root: sudo node bin/meetbench.js doctor' };
