/**
 * The lab's reference platforms: Janus and its demo pages, LiveKit where it could be built, the reconstructions of Carbonio's media plane and
 * of Zimbra Connect's peer-to-peer calls, Galène where it could be built, coturn for TURN-only profiles.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { JANUS_DEMOS, janus, REFERENCE_PLATFORMS } from '../../lab/index.ts';
import { version, type CheckResult, type DoctorCheck } from './doctor-check.ts';

/** a lab platform's own check: what it needs, and how to get it when it is missing */
const labPlatformCheck = (id: string) => async (): Promise<CheckResult> => {
  const registered = REFERENCE_PLATFORMS[id];
  if (!registered) return { status: 'missing', detail: `no lab platform "${id}" in this version` };
  const r = await registered.platform.check();
  return r.ok ? { status: 'ok', detail: r.detail } : { status: 'missing', detail: r.detail, ...(r.hint ? { hint: r.hint } : {}) };
};

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

export function platformChecks(dataDir: string): DoctorCheck[] {
  return [
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
    { label: 'Carbonio media plane (lab:carbonio)', required: false, check: labPlatformCheck('carbonio') },
    { label: 'Zimbra Connect P2P (lab:zimbra-p2p)', required: false, check: labPlatformCheck('zimbra-p2p') },
    {
      label: 'LiveKit (lab)',
      required: false,
      check: async () => {
        const r = await REFERENCE_PLATFORMS.livekit!.platform.check();
        return r.ok
          ? { status: 'ok', detail: r.detail }
          : { status: 'missing', detail: r.detail, hint: 'node scripts/setup.mjs builds it from its Go module (needs Go); the lab runs without it' };
      },
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
        return bin
          ? { status: 'ok', detail: bin }
          : { status: 'missing', detail: 'no galene binary (go/bin/galene, ~/go/bin/galene)', hint: 'optional: build it with Go to compare a second SFU' };
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
  ];
}
