/**
 * Chromium flags for synthetic participants (measured: docs/architecture.md "Measured on these machines"): fake devices, no background
 * traffic to outside hosts, no QUIC; and the cheap-participant flags (no GPU, no extensions, no
 * throttling of the hidden page, so a headless participant keeps its timers and media at full rate).
 */
import { existsSync } from 'node:fs';

/**
 * Debian's /usr/bin/chromium is a shell launcher (it adds /etc/chromium.d flags and prints a shell error
 * on machines with much memory); the binary behind it is what participants need.
 */
export const CHROMIUM_PATH = process.env.MEETBENCH_CHROMIUM ?? (existsSync('/usr/lib/chromium/chromium') ? '/usr/lib/chromium/chromium' : '/usr/bin/chromium');

export function participantFlags(options: { insecureOrigins: string[]; fakeMedia: boolean; pagesShareRenderers?: boolean }): string[] {
  const flags = [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-quic',
    '--disable-extensions',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--mute-audio',
    '--disable-background-timer-throttling',
    '--disable-renderer-backgrounding',
    '--disable-backgrounding-occluded-windows',
    '--autoplay-policy=no-user-gesture-required',
    '--disable-features=Translate,MediaRouter,OptimizationHints,DialMediaRouteProvider',
  ];
  if (options.fakeMedia) flags.push('--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream');
  // getUserMedia needs a secure context; lab pages are plain http on a namespace address
  if (options.insecureOrigins.length > 0) flags.push(`--unsafely-treat-insecure-origin-as-secure=${options.insecureOrigins.join(',')}`);
  // isolation: page — pages of one profile on the same site share one renderer process instead of one each
  if (options.pagesShareRenderers) flags.push('--process-per-site');
  // for experiments on one machine (docs/scale.md): appended last, so a later flag overrides an earlier one
  const extra = process.env.MEETBENCH_CHROMIUM_EXTRA_FLAGS?.trim();
  if (extra) flags.push(...extra.split(/\s+/));
  return flags;
}
