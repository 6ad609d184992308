/**
 * `meetbench doctor`: what this machine can and cannot do, as a table of checks (after Lighthouse CI's
 * healthcheck). Each check says ok, missing (install it), unavailable (this machine/kernel cannot) or failed,
 * with a hint. Required checks (browser, fake media, data dir) set exit code 3 when they fail; optional ones
 * (the lab, shaping features, reference platforms) never change the exit code, but the summary says what
 * will not work without them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { EXIT_CODES } from '../../../results/errors.ts';
import { probeFakeMedia } from '../../lab/index.ts';
import { DEFAULT_CHROMIUM, isRoot, REFERENCE_PLATFORMS } from '../../lab/index.ts';
import { JANUS_DEMOS, janus } from '../../lab/index.ts';
import { probeNetworkFeatures, type NetworkFeatures } from '../../network/network-features.ts';
import { profilesReport } from '../../network/profiles-report.ts';
import { resolveDataDir } from '../data-dir.ts';
import { info, out } from '../output.ts';
import type { RegisterCommand } from '../register-command.ts';

type Status = 'ok' | 'missing' | 'unavailable' | 'failed';

interface CheckResult {
  status: Status;
  detail: string;
  hint?: string;
}

interface DoctorCheck {
  label: string;
  /** a failed required check makes `doctor` exit 3: meetbench cannot measure anything without it */
  required: boolean;
  check(): Promise<CheckResult>;
}

function version(cmd: string, args: string[]): string | null {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] }).trim().split('\n')[0] ?? null;
  } catch {
    return null;
  }
}

const needsRoot: CheckResult = { status: 'unavailable', detail: 'needs root', hint: 'run as root: sudo node bin/meetbench.js doctor' };

function galeneBinary(dataDir: string): string | null {
  const candidates = [
    process.env.GOPATH && path.join(process.env.GOPATH, 'bin', 'galene'),
    path.join(os.homedir(), 'go', 'bin', 'galene'),
    path.resolve('go', 'bin', 'galene'),
    path.join(dataDir, 'go', 'bin', 'galene'),
    '/usr/local/bin/galene',
    '/usr/bin/galene',
  ];
  return candidates.find((c): c is string => !!c && existsSync(c)) ?? null;
}

function buildChecks(dataDir: string, chromium: string): DoctorCheck[] {
  // one throwaway namespace answers four rows; probe it once
  let features: Promise<NetworkFeatures> | null = null;
  const network = (): Promise<NetworkFeatures> => (features ??= probeNetworkFeatures());
  const feature = (pick: (f: NetworkFeatures) => { ok: boolean; detail: string }, hint: string) => async (): Promise<CheckResult> => {
    if (!isRoot()) return needsRoot;
    const r = pick(await network());
    return r.ok ? { status: 'ok', detail: r.detail } : { status: 'unavailable', detail: r.detail, hint };
  };

  return [
    { label: 'running as root', required: false, check: async () => (isRoot() ? { status: 'ok', detail: 'uid 0' } : { status: 'unavailable', detail: `uid ${process.getuid?.() ?? '?'}: no lab, no shaping`, hint: 'run as root for the lab: sudo node bin/meetbench.js ...' }) },
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
        return r.ok ? { status: 'ok', detail: `${r.detail}, ${r.ms} ms` } : { status: 'failed', detail: r.detail, hint: 'check the Chromium flags in harness/participants/chromium-flags.ts (docs/architecture.md "Measured on these machines")' };
      },
    },
    { label: 'ip netns (namespaces, veth)', required: false, check: feature((f) => f.namespaces, 'needs iproute2 and a kernel with network namespaces') },
    { label: 'qdisc tbf (rate limit)', required: false, check: feature((f) => f.qdiscs.tbf, 'kernel module sch_tbf') },
    { label: 'qdisc htb (rate limit)', required: false, check: feature((f) => f.qdiscs.htb, 'kernel module sch_htb') },
    { label: 'qdisc netem (delay, jitter)', required: false, check: feature((f) => f.qdiscs.netem, 'kernel module sch_netem: without it, profiles with delay or jitter cannot be applied') },
    { label: 'nftables (random loss)', required: false, check: feature((f) => f.nftables, 'apt-get install -y nftables; loss profiles need it') },
    { label: 'network profiles', required: false, check: async () => (isRoot() ? profilesReport() : needsRoot) },
    {
      label: 'Janus',
      required: false,
      check: async () => {
        const r = await janus.check();
        return r.ok ? { status: 'ok', detail: r.detail } : { status: 'missing', detail: r.detail, hint: 'apt-get install -y janus janus-demos' };
      },
    },
    {
      label: 'Janus demo pages',
      required: false,
      check: async () =>
        existsSync(path.join(JANUS_DEMOS, 'videoroomtest.html')) && existsSync(path.join(JANUS_DEMOS, 'javascript', 'janus-gateway', 'janus.min.js'))
          ? { status: 'ok', detail: `${JANUS_DEMOS} (scripts from /usr/share/javascript)` }
          : { status: 'missing', detail: `no VideoRoom demo in ${JANUS_DEMOS}`, hint: 'apt-get install -y janus-demos' },
    },
    {
      label: 'Galène',
      required: false,
      check: async () => {
        const registered = REFERENCE_PLATFORMS.galene;
        if (registered) {
          const r = await registered.platform.check();
          return r.ok ? { status: 'ok', detail: r.detail } : { status: 'missing', detail: r.detail, hint: 'build it from its Go module where Go is available' };
        }
        const bin = galeneBinary(dataDir);
        return bin ? { status: 'ok', detail: bin } : { status: 'missing', detail: 'no galene binary (go/bin/galene, ~/go/bin/galene)', hint: 'optional: build it with Go to compare a second SFU' };
      },
    },
    {
      label: 'coturn (TURN scenarios)',
      required: false,
      check: async () => {
        if (!existsSync('/usr/bin/turnserver')) return { status: 'missing', detail: 'no /usr/bin/turnserver', hint: 'optional: apt-get install -y coturn' };
        const v = version('dpkg-query', ['-W', '-f', '${Version}', 'coturn']);
        return { status: 'ok', detail: `/usr/bin/turnserver${v ? ` (coturn ${v})` : ''}` };
      },
    },
    {
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
    },
  ];
}

export const registerDoctor: RegisterCommand = (program, setExit) => {
  program
    .command('doctor')
    .description('check the machine: browser, fake media, namespaces, shaping features, reference platforms, data dir')
    .option('--chromium <path>', 'browser to check', DEFAULT_CHROMIUM)
    .option('--json', 'print the results as JSON')
    .action(async (opts: { chromium: string; json?: boolean }, command: Command) => {
      const dataDir = resolveDataDir(command.optsWithGlobals<{ dataDir?: string }>().dataDir);
      const results: Array<DoctorCheck & CheckResult> = [];
      for (const c of buildChecks(dataDir, opts.chromium)) {
        if (!opts.json) info(`checking ${c.label}...`);
        const r = await c.check().catch((error: unknown): CheckResult => ({ status: 'failed', detail: error instanceof Error ? error.message : String(error) }));
        results.push({ ...c, ...r });
      }
      const requiredFailed = results.filter((r) => r.required && r.status !== 'ok');
      const optionalMissing = results.filter((r) => !r.required && r.status !== 'ok');
      if (opts.json) {
        out(JSON.stringify(results.map(({ label, required, status, detail, hint }) => ({ label, required, status, detail, hint: hint ?? null })), null, 2));
      } else {
        const table = new Table({ head: ['check', 'status', 'detail', 'hint'], colWidths: [30, 13, 60, 44], wordWrap: true, style: { head: [], border: [] } });
        for (const r of results) table.push([r.label, r.required ? r.status : `${r.status} (opt.)`, r.detail.length > 240 ? `${r.detail.slice(0, 237)}...` : r.detail, r.hint ?? '']);
        out(table.toString());
        if (requiredFailed.length > 0) out(`NOT READY: ${requiredFailed.map((r) => r.label).join('; ')} failed; meetbench cannot measure without them.`);
        else out('ready: browser, fake media and data dir work.');
        if (optionalMissing.length > 0) out(`optional, not available here: ${optionalMissing.map((r) => r.label).join('; ')} (see the hints; exit code stays 0).`);
      }
      setExit(requiredFailed.length > 0 ? EXIT_CODES.broken : 0);
    });
};
