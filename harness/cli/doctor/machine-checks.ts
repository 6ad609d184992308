/** What meetbench cannot measure without: root for the lab, the browser and its fake media, a writable data dir. */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isRoot, probeFakeMedia } from '../../lab/index.ts';
import { version, type DoctorCheck } from './doctor-check.ts';

export function machineChecks(chromium: string): DoctorCheck[] {
  return [
    {
      label: 'running as root',
      required: false,
      check: async () =>
        isRoot()
          ? { status: 'ok', detail: 'uid 0' }
          : {
              status: 'unavailable',
              detail: `uid ${process.getuid?.() ?? '?'}: no lab, no shaping`,
              hint: 'run as root for the lab: sudo node bin/meetbench.js ...',
            },
    },
    {
      label: 'Chromium',
      required: true,
      check: async () => {
        if (!existsSync(chromium)) return { status: 'missing', detail: `${chromium} not found`, hint: 'apt-get install -y chromium' };
        const v = version(chromium, ['--version']);
        return v ? { status: 'ok', detail: `${chromium}: ${v}` } : { status: 'failed', detail: `${chromium} --version failed` };
      },
    },
    {
      label: 'fake camera and microphone',
      required: true,
      check: async () => {
        if (!existsSync(chromium)) return { status: 'missing', detail: 'no browser to try', hint: 'apt-get install -y chromium' };
        const r = await probeFakeMedia(chromium);
        return r.ok
          ? { status: 'ok', detail: `${r.detail}, ${r.ms} ms` }
          : {
              status: 'failed',
              detail: r.detail,
              hint: 'check the Chromium flags in harness/participants/chromium-flags.ts (docs/architecture.md "Measured on these machines")',
            };
      },
    },
  ];
}

export function dataDirCheck(dataDir: string): DoctorCheck {
  return {
    label: 'data dir writable',
    required: true,
    check: async () => {
      try {
        mkdirSync(dataDir, { recursive: true });
        const probe = path.join(dataDir, `.doctor-${process.pid}`);
        writeFileSync(probe, 'ok');
        rmSync(probe);
        return { status: 'ok', detail: dataDir };
      } catch (error) {
        return { status: 'failed', detail: `${dataDir}: ${(error as Error).message}`, hint: 'pass --data-dir or set MEETBENCH_DATA to a writable folder' };
      }
    },
  };
}
