/**
 * Where each participant of a trial runs, and the browsers behind them.
 *
 * - per-participant (the default): one browser process each, in its own lab namespace when the lab is
 *   used (kernel counters per participant).
 * - shared: participants are incognito contexts of a few shared browsers (`participantsPerBrowser` each;
 *   by default all in one, unless that browser would need more than 16 microphones: audio-inputs.ts).
 *   One context each by default: tabs of one profile share Chromium's 6 connections per host and the 7th
 *   long-poll never attaches (docs/architecture.md "Measured on these machines"). `isolation: page`, only where the adapter allows it
 *   (WebSocket signalling, no per-person session in cookies), makes them pages of the one profile, each in
 *   a window of its own (a background tab would stop its timers and animation frames), so same-site pages
 *   share a renderer process (`--process-per-site`). A namespace belongs to a process, so the participants of one
 *   shared browser share its namespace: kernel counters then describe the group, not a participant, and
 *   the participants' own `kernel` stays null (the group's figures are in the trial's `browsers`).
 * - remote (scenario `remote`): contexts on CDP endpoints, or one Selenium Grid session each; they take
 *   the last participant indexes. Remote pages get the in-page generated media (no flags or files remote).
 *
 * Density options apply to local browsers: small viewport, and with `render: false` video elements are
 * hidden so nobody paints frames nobody looks at (frames are still decoded: getStats counts them). Hidden,
 * not removed from the layout: a video keeps its place and size on the page, so a platform that sends each
 * receiver what its tiles show (LiveKit's adaptive stream pauses a track whose element is `display: none` or
 * off the screen) sends what it would send to a person looking at the same page.
 */
import type { Browser, BrowserContext, Page } from 'puppeteer-core';
import { removeParticipantNamespace, readParticipantCounters, type ParticipantNamespace } from '../lab/index.ts';
import { claimParticipantNamespace } from '../lab/index.ts';
import { HarnessError } from '../errors.ts';
import { closeParticipantBrowser, launchParticipantBrowser, type LaunchedBrowser } from './browser-process.ts';
import { within, type AcquireSlot, type BrowserSlot } from './browser-slot.ts';
import { defaultParticipantsPerBrowser } from './audio-inputs.ts';
import { CHROMIUM_PATH } from './chromium-flags.ts';
import { pageScript } from './page-script.ts';
import { connectCdp, openGridSession, remoteCount, type RemoteConfig } from './remote-browsers.ts';

export interface PoolOptions {
  mode: 'per-participant' | 'shared';
  /** shared mode: participants per browser process (default: all local participants in one, at most 16 senders: audio-inputs.ts) */
  participantsPerBrowser?: number | undefined;
  /** microphones the participants open (senders take the first indexes; receivers, and senders with a generated microphone, open none) */
  microphones?: number | undefined;
  /** shared mode: an incognito context each (default), or pages of the browser's one profile */
  isolation?: 'context' | 'page' | undefined;
  /** false: hide video elements (decoded, not painted) */
  render?: boolean | undefined;
  count: number;
  useNamespaces: boolean;
  namespaceBase: number;
  insecureOrigins: string[];
  remote?: RemoteConfig | undefined;
}

export interface Placement {
  /** the participant's own namespace (per-participant mode), for its kernel counters */
  namespace: ParticipantNamespace | null;
  /** the lab wrapper of its own browser (per-participant mode) */
  wrapper?: string;
  /** absent: the participant launches a browser of its own (Participant's default) */
  acquire?: AcquireSlot;
  where: string;
}

/** one browser of the pool, for the trial's `browsers` list */
export interface PoolBrowserInfo {
  id: string;
  kind: 'shared' | 'cdp' | 'grid';
  participants: string[];
  namespace: string | null;
  pid: number | null;
  /** renderer processes of a shared browser at the end of the measurement window (isolation shows here) */
  renderers?: number | null;
}

type GroupReading = Awaited<ReturnType<typeof readParticipantCounters>>;

interface SharedBrowser {
  id: string;
  namespace: ParticipantNamespace | null;
  launching: Promise<LaunchedBrowser> | null;
  participants: string[];
}

/**
 * Small, but wide enough for a meeting page's grid to show a room's senders: LiveKit's grid shows 3x3 tiles
 * from 700 pixels wide, 2 below 560 (at 480x270 a listener of 4 senders and 12 listeners saw one sender,
 * and with adaptive stream received only that one's video).
 */
const SMALL_VIEWPORT = { width: 720, height: 405 };

/**
 * hides video elements, keeping their place in the layout: the compositor paints nothing, WebRTC still
 * decodes (fps_received stays true), and a tile still counts as shown for the platform's page
 */
const NO_RENDER = `(() => {
  const add = () => { const s = document.createElement('style'); s.textContent = 'video { visibility: hidden !important; }'; (document.head || document.documentElement).appendChild(s); };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', add, { once: true }); else add();
})();`;

export class BrowserPool {
  readonly options: PoolOptions;
  private readonly shared: SharedBrowser[] = [];
  private readonly cdp = new Map<string, Promise<Browser>>();
  private readonly cleanups: (() => Promise<void>)[] = [];
  private readonly infos = new Map<string, PoolBrowserInfo>();
  private readonly firstRemote: number;

  constructor(options: PoolOptions) {
    this.options = options;
    const remote = remoteCount(options.remote);
    if (remote > options.count) {
      throw new HarnessError('INVALID_INPUT', `remote: ${remote} participants placed on remote browsers, but the scenario has ${options.count}`, {
        hint: 'the remote counts must add up to participants.count or less (the rest run locally)',
      });
    }
    this.firstRemote = options.count - remote;
  }

  /** decide where participant `index` runs; creates its namespace (per-participant) or its group's */
  async place(index: number, name: string): Promise<Placement> {
    if (index >= this.firstRemote && this.options.remote) return this.placeRemote(index - this.firstRemote, name);
    if (this.options.mode === 'per-participant') {
      const namespace = this.options.useNamespaces ? await claimParticipantNamespace(this.options.namespaceBase + index, CHROMIUM_PATH) : null;
      return {
        namespace,
        ...(namespace ? { wrapper: namespace.chromiumWrapper } : {}),
        where: 'local',
      };
    }
    const per = Math.max(
      1,
      this.options.participantsPerBrowser ?? defaultParticipantsPerBrowser(this.firstRemote, this.options.microphones ?? this.firstRemote),
    );
    const group = Math.floor(index / per);
    let browser = this.shared[group];
    if (!browser) {
      const namespace = this.options.useNamespaces ? await claimParticipantNamespace(this.options.namespaceBase + group, CHROMIUM_PATH) : null;
      browser = { id: `shared-${group + 1}`, namespace, launching: null, participants: [] };
      this.shared[group] = browser;
      this.infos.set(browser.id, { id: browser.id, kind: 'shared', participants: browser.participants, namespace: namespace?.namespace ?? null, pid: null });
    }
    browser.participants.push(name);
    const chosen = browser;
    return { namespace: null, acquire: (timeoutMs) => this.sharedContext(chosen, timeoutMs), where: chosen.id };
  }

  private placeRemote(remoteIndex: number, name: string): Placement {
    const remote = this.options.remote as RemoteConfig;
    let offset = 0;
    for (const [i, entry] of remote.cdp.entries()) {
      if (remoteIndex < offset + entry.participants) {
        const id = `cdp-${i + 1}`;
        const info = this.infos.get(id) ?? { id, kind: 'cdp' as const, participants: [], namespace: null, pid: null };
        info.participants.push(name);
        this.infos.set(id, info);
        return { namespace: null, acquire: (timeoutMs) => this.cdpContext(id, entry.endpoint, timeoutMs), where: id };
      }
      offset += entry.participants;
    }
    const grid = remote.seleniumGrid;
    if (!grid) throw new Error(`participant ${name} has no remote place`);
    const id = `grid-${remoteIndex - offset + 1}`;
    this.infos.set(id, { id, kind: 'grid', participants: [name], namespace: null, pid: null });
    return {
      namespace: null,
      where: id,
      acquire: async (timeoutMs) => {
        const session = await openGridSession(grid, timeoutMs);
        this.cleanups.push(() => session.close());
        const page = (await session.browser.pages())[0] ?? (await session.browser.newPage());
        await prepareRemotePage(page);
        return slot(page, undefined, id, session.browser, async () => {
          await session.close();
        });
      },
    };
  }

  private async sharedContext(shared: SharedBrowser, timeoutMs: number): Promise<BrowserSlot> {
    const pages = this.options.isolation === 'page';
    shared.launching ??= launchParticipantBrowser({
      ...(shared.namespace ? { wrapper: shared.namespace.chromiumWrapper } : {}),
      insecureOrigins: this.options.insecureOrigins,
      timeoutMs,
      pagesShareRenderers: pages,
    }).then((launched) => {
      const info = this.infos.get(shared.id);
      if (info) info.pid = launched.pid ?? null;
      return launched;
    });
    const launched = await shared.launching;
    if (pages) {
      const page = await launched.browser.defaultBrowserContext().newPage({ type: 'window' });
      await this.prepareLocalPage(page);
      return contextSlot(page, null, shared.id, launched.browser);
    }
    const context = await launched.browser.createBrowserContext();
    const page = await context.newPage();
    await this.prepareLocalPage(page);
    return contextSlot(page, context, shared.id, launched.browser);
  }

  private async cdpContext(id: string, endpoint: string, timeoutMs: number): Promise<BrowserSlot> {
    let connecting = this.cdp.get(id);
    if (!connecting) {
      connecting = connectCdp(endpoint, timeoutMs);
      this.cdp.set(id, connecting);
      this.cleanups.push(async () => {
        const browser = await connecting?.catch(() => null);
        // the remote browser is not ours: leave it running, only drop the connection
        await browser?.disconnect().catch(() => undefined);
      });
    }
    const browser = await connecting;
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    await prepareRemotePage(page);
    return contextSlot(page, context, id, browser);
  }

  private async prepareLocalPage(page: Page): Promise<void> {
    await page.setViewport(SMALL_VIEWPORT);
    if (this.options.render === false) await page.evaluateOnNewDocument(NO_RENDER);
  }

  /** kernel counters of each shared browser's namespace (the group's traffic), for the window's rates */
  async groupCounters(): Promise<Map<string, GroupReading>> {
    const out = new Map<string, GroupReading>();
    for (const shared of this.shared) {
      if (shared?.namespace) {
        const reading = await readParticipantCounters(shared.namespace).catch(() => null);
        if (reading) out.set(shared.id, reading);
      }
    }
    return out;
  }

  /** count each shared browser's renderer processes (Chromium's own process list), onto its info */
  async countRenderers(): Promise<void> {
    for (const shared of this.shared) {
      const info = shared ? this.infos.get(shared.id) : undefined;
      const launched = await shared?.launching?.catch(() => null);
      if (!info || !launched) continue;
      const session = await launched.browser
        .target()
        .createCDPSession()
        .catch(() => null);
      const list = await session?.send('SystemInfo.getProcessInfo').catch(() => null);
      info.renderers = list ? list.processInfo.filter((p) => p.type === 'renderer').length : null;
      await session?.detach().catch(() => undefined);
    }
  }

  browsers(): PoolBrowserInfo[] {
    return [...this.infos.values()];
  }

  /** after every participant released its slot: close shared browsers, drop remote connections, remove namespaces */
  async close(closeMs: number): Promise<void> {
    for (const shared of this.shared) {
      if (!shared) continue;
      const launched = await shared.launching?.catch(() => null);
      if (launched) await closeParticipantBrowser(launched, closeMs).catch(() => undefined);
      if (shared.namespace) await removeParticipantNamespace(shared.namespace).catch(() => undefined);
    }
    for (const cleanup of this.cleanups) await cleanup().catch(() => undefined);
  }
}

async function prepareRemotePage(page: Page): Promise<void> {
  await page.evaluateOnNewDocument(pageScript('generated-media'));
}

function slot(
  page: Page,
  pid: number | undefined,
  where: string,
  browser: Browser,
  release: (closeMs: number) => Promise<'closed' | 'killed' | void>,
): BrowserSlot {
  return {
    page,
    pid,
    where,
    onLost: (listener) => browser.on('disconnected', listener),
    release: async (closeMs) => (await release(closeMs)) ?? 'closed',
  };
}

/** a participant in a context of its own (closed with it), or a page of the shared profile (`context` null) */
function contextSlot(page: Page, context: BrowserContext | null, where: string, browser: Browser): BrowserSlot {
  return {
    page,
    pid: undefined,
    where,
    onLost: (listener) => {
      browser.on('disconnected', listener);
      page.on('close', listener);
    },
    release: async (closeMs) => ((await within(context ? context.close() : page.close(), closeMs)) ? 'closed' : 'killed'),
  };
}
