/**
 * One synthetic participant: its browser, its page with the collector injected, its join through the
 * platform adapter, its per-second samples. Every failure is caught here and recorded on the participant
 * (step, message, screenshot, console errors): one participant that fails never stops the others.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import type { JoinContext, ParticipantInfo, PlatformAdapter, PlatformTarget } from '../adapters/platform-adapter.ts';
import { JoinStepError } from '../errors.ts';
import type { NamedDevice } from '../devices/device-schema.ts';
import { emulateDevice, observeDevice, type ObservedDevice } from '../devices/emulate-device.ts';
import type { Sample } from '../../results/run-record.ts';
import { closeParticipantBrowser, launchParticipantBrowser } from './browser-process.ts';
import type { AcquireSlot, BrowserSlot } from './browser-slot.ts';
import { installMediaPatterns, type MediaPatterns } from './media-patterns.ts';
import { pageScript } from './page-script.ts';
import { redactTokens } from '../adapters/redact-tokens.ts';
import { qualityPageScript, type QualityOptions } from './quality-page-script.ts';
import { sampleFromSnapshots } from './sample-rates.ts';
import type { CollectorMarks, CollectorSnapshot } from './snapshot.ts';
import type { Camera } from './video-inputs.ts';
import type { Microphone } from './audio-inputs.ts';

export interface SenderMedia {
  width: number;
  height: number;
  fps: number;
  microphone?: Microphone;
  camera?: Camera;
  /** calibration: ms its generated media is held before sending (its group's calibrationDelayMs) */
  calibrationDelayMs?: number;
}

export interface ParticipantOptions {
  info: ParticipantInfo;
  platform: PlatformTarget;
  adapter: PlatformAdapter;
  /** what a sender sends: size and rate, which devices are generated, its calibration delay */
  media: SenderMedia;
  joinTimeoutMs: number;
  closeTimeoutMs: number;
  /** the lab's `ip netns exec` wrapper when the participant runs in its own namespace */
  wrapper?: string;
  /** where the page comes from (a shared browser's context, a remote browser); default: a browser of its own */
  acquire?: AcquireSlot;
  insecureOrigins: string[];
  artifactDir: string;
  /** false: remote audio is received but not played (page-scripts/no-audio-playout.ts) */
  playAudio?: boolean;
  /** talking on a schedule, sharing a screen, stats by media source (media-patterns.ts) */
  patterns?: MediaPatterns;
  /** the device this participant is (scenarios/devices.yaml); absent: the browser as it is */
  device?: NamedDevice | null;
  /** false only to measure the collector's own cost (npm run bench:collector): no stats, no phases */
  collect?: boolean;
  /** the receivers' quality measurement (generated media only: docs/quality.md) */
  quality?: QualityOptions;
}

export interface JoinOutcome {
  joined: boolean;
  marks: CollectorMarks;
  joinTimeMs: number | null;
  error: string | null;
  errorStep: string | null;
}

const MAX_CONSOLE_ERRORS = 50;
const STEP_GRACE_MS = 1_500;

export class Participant {
  readonly options: ParticipantOptions;
  readonly consoleErrors: string[] = [];
  readonly artifacts: string[] = [];
  slot: BrowserSlot | null = null;
  private placedAt: string | null = null;
  page: Page | null = null;
  /** set when the browser disappeared (crash, kill) */
  crashed = false;
  private previous: CollectorSnapshot | null = null;
  private closing = false;
  private step = 'launch';
  /** ms after navigation start at which the share was up (the sharer only) */
  screenShareStartedMs: number | null = null;
  /** the device as applied (its user agent with the browser's version) and what the page read of it once joined */
  device: { userAgent: string | null; observed: ObservedDevice | null } | null = null;

  constructor(options: ParticipantOptions) {
    this.options = options;
  }

  get name(): string {
    return this.options.info.name;
  }

  get browserPid(): number | undefined {
    return this.slot?.pid;
  }

  /** where the browser runs: local, shared-N, cdp-N, grid-N */
  get where(): string | null {
    return this.placedAt;
  }

  private context(page: Page, deadline: number): JoinContext {
    return {
      page,
      platform: this.options.platform,
      participant: this.options.info,
      get timeoutMs() {
        return Math.max(1, deadline - Date.now());
      },
      mark: (phase, atMs) => markPage(page, phase, atMs),
      secret: (name) => process.env[name],
    };
  }

  /** Launch, open the meeting and wait until joined with own media flowing; never throws. */
  async join(): Promise<JoinOutcome> {
    const deadline = Date.now() + this.options.joinTimeoutMs;
    try {
      this.step = 'launch';
      this.slot = await (this.options.acquire ?? ownBrowser(this.options))(this.options.joinTimeoutMs);
      this.placedAt = this.slot.where;
      this.slot.onLost(() => {
        // a disconnect we did not ask for is a crash (or a kill from outside)
        if (!this.closing) this.crashed = true;
      });
      const page = this.slot.page;
      this.page = page;
      page.on('console', (message) => {
        if (message.type() === 'error' && this.consoleErrors.length < MAX_CONSOLE_ERRORS) this.consoleErrors.push(redactTokens(message.text()).slice(0, 500));
      });
      page.on('pageerror', (error) => {
        if (this.consoleErrors.length < MAX_CONSOLE_ERRORS)
          this.consoleErrors.push(`pageerror: ${redactTokens(String((error as Error).message ?? error)).slice(0, 500)}`);
      });
      const config = { exclude: this.options.adapter.excludePeerConnection ?? null };
      const collect = this.options.collect !== false;
      if (collect) await page.evaluateOnNewDocument(`window.__meetbenchConfig = ${JSON.stringify(config)};\n${pageScript('collector')}`);
      if (this.options.playAudio === false) await page.evaluateOnNewDocument(pageScript('no-audio-playout'));
      if (this.options.quality) await page.evaluateOnNewDocument(qualityPageScript(this.options.quality));
      if (this.options.info.role === 'sender') {
        // the sender's index goes into its frame stamps and audio markers
        const media = { ...this.options.media, sender: this.options.info.index };
        await page.evaluateOnNewDocument(`window.__meetbenchMedia = ${JSON.stringify(media)};\n${pageScript('fake-media')}`);
      }
      if (this.options.patterns) await installMediaPatterns(page, this.options.patterns);
      const device = this.options.device;
      if (device) {
        // before the first navigation: a mobile layout or a touch screen needs a new document
        this.step = 'device';
        this.device = { userAgent: await emulateDevice(page, device), observed: null };
      }
      const ctx = this.context(page, deadline);
      if (this.options.platform.acceptSelfSignedCertificate) {
        // opted in per platform (in-house deployments with a private CA); the whole browser holds only this platform's participants
        const session = await page.createCDPSession();
        await session.send('Security.setIgnoreCertificateErrors', { ignore: true });
      }
      await this.options.adapter.beforeNavigation?.(ctx);
      this.step = 'join';
      // a grace beyond the deadline, so an adapter's own step timeout (same deadline) fails first and names its step and selector
      await withDeadline(this.options.adapter.join(ctx), deadline + STEP_GRACE_MS, () => this.step);
      this.step = 'joined-signal';
      await withDeadline(this.options.adapter.joinedSignal(ctx), deadline + STEP_GRACE_MS, () => this.step);
      if (!collect) return { joined: true, marks: {}, joinTimeMs: null, error: null, errorStep: null };
      await markPage(page, 'joinedSignal');
      this.step = 'media';
      await this.waitForOwnMedia(page, deadline);
      const marks = await this.marks();
      if (this.device) this.device.observed = await observeDevice(page).catch(() => null);
      const shareError = await this.startScreenShare(ctx);
      return { joined: true, marks, joinTimeMs: joinTime(marks, this.options.info.role), error: shareError, errorStep: shareError ? 'screen-share' : null };
    } catch (error) {
      const step = error instanceof JoinStepError ? error.step : this.crashed ? 'browser-crashed' : this.step;
      const message = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
      await this.saveFailureArtifacts(step);
      // bounded: during a navigation that never answers, page.evaluate waits for the protocol timeout (30 s)
      return { joined: false, marks: await withTimeout(this.marks(), 2_000).catch(() => ({})), joinTimeMs: null, error: message, errorStep: step };
    }
  }

  /**
   * The sharer, once in: the share started through the platform's own control, within what is left of the
   * join budget. A share that does not start leaves the participant in the meeting, with the error (the
   * trial then fails: the scenario asked for a share); null when it started or nothing was to share.
   */
  private async startScreenShare(ctx: JoinContext): Promise<string | null> {
    const share = this.options.adapter.screenShare;
    if (!this.options.patterns?.screenDocument || !share) return null;
    this.step = 'screen-share';
    try {
      await share.start(ctx);
      this.screenShareStartedMs = await ctx.page.evaluate(() => Math.round(performance.now()));
      return null;
    } catch (error) {
      await this.saveFailureArtifacts('screen-share');
      return error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    }
  }

  /** Own media flowing: a peer connection connected and, for a sender, outbound packets seen. */
  private async waitForOwnMedia(page: Page, deadline: number): Promise<void> {
    const sender = this.options.info.role === 'sender';
    try {
      await page.waitForFunction(
        (needOutbound: boolean) => {
          const marks = (window as unknown as { __meetbench: { marks(): Record<string, number> } }).__meetbench.marks();
          return marks.iceConnected !== undefined && (!needOutbound || marks.firstOutbound !== undefined);
        },
        { timeout: Math.max(1, deadline - Date.now()), polling: 100 },
        sender,
      );
    } catch (error) {
      throw new JoinStepError(
        'media',
        `no peer connection reached connected${sender ? ' with outbound packets' : ''} (${(error as Error).message.split('\n')[0]})`,
      );
    }
  }

  async marks(): Promise<CollectorMarks> {
    if (!this.page || this.crashed) return {};
    return (await this.page.evaluate(() => (window as unknown as { __meetbench?: { marks(): object } }).__meetbench?.marks() ?? {})) as CollectorMarks;
  }

  /** One per-second sample; null on the first call (a rate needs two readings) or when the page is gone. */
  async sample(t: number): Promise<Sample | null> {
    if (!this.page || this.crashed) return null;
    let current: CollectorSnapshot;
    try {
      current = (await withTimeout(
        this.page.evaluate(() => (window as unknown as { __meetbench: { snapshot(): Promise<unknown> } }).__meetbench.snapshot()),
        5_000,
      )) as CollectorSnapshot;
    } catch {
      return null;
    }
    const previous = this.previous;
    this.previous = current;
    return previous ? sampleFromSnapshots(this.name, t, previous, current) : null;
  }

  async candidateType(): Promise<string | null> {
    if (!this.previous) return null;
    return this.previous.pcs.map((p) => p.counters?.candidateType).find((c) => c) ?? null;
  }

  /** What the platform says at the end of the window when the participant is no longer in the meeting, else null. */
  async meetingState(): Promise<string | null> {
    if (!this.page || this.crashed || !this.options.adapter.meetingState) return null;
    const ctx = this.context(this.page, Date.now() + 3_000);
    return withTimeout(this.options.adapter.meetingState(ctx), 3_000).catch((error: unknown) => `the page did not say (${(error as Error).message})`);
  }

  async leave(): Promise<void> {
    if (!this.page || this.crashed) return;
    const ctx = this.context(this.page, Date.now() + 3_000);
    await withTimeout(this.options.adapter.leave(ctx), 3_000).catch(() => undefined);
  }

  async close(): Promise<'closed' | 'killed' | 'none'> {
    if (!this.slot) return 'none';
    this.closing = true;
    const slot = this.slot;
    this.slot = null;
    this.page = null;
    return slot.release(this.options.closeTimeoutMs);
  }

  private async saveFailureArtifacts(step: string): Promise<void> {
    if (!this.page || this.crashed) return;
    const base = `${this.name}-${step}`.replace(/[^A-Za-z0-9._-]/g, '_');
    try {
      const png = path.join(this.options.artifactDir, `${base}.png`);
      await withTimeout(this.page.screenshot({ path: png as `${string}.png` }), 5_000);
      this.artifacts.push(path.basename(png));
    } catch {
      // a page that cannot even be photographed says enough through its error
    }
    try {
      const log = path.join(this.options.artifactDir, `${base}.console.txt`);
      await writeFile(log, this.consoleErrors.join('\n'));
      this.artifacts.push(path.basename(log));
    } catch {
      /* best effort */
    }
  }
}

/** the default slot: a browser process of the participant's own (in its namespace through the wrapper) */
function ownBrowser(options: ParticipantOptions): AcquireSlot {
  return async (timeoutMs) => {
    const launched = await launchParticipantBrowser({
      ...(options.wrapper ? { wrapper: options.wrapper } : {}),
      insecureOrigins: options.insecureOrigins,
      timeoutMs,
    });
    const page = (await launched.browser.pages())[0] ?? (await launched.browser.newPage());
    return {
      page,
      pid: launched.pid,
      where: 'local',
      onLost: (listener) => launched.browser.on('disconnected', listener),
      release: (closeMs) => closeParticipantBrowser(launched, closeMs),
    };
  };
}

async function markPage(page: Page, name: string, atMs?: number): Promise<void> {
  await page.evaluate((n, at) => (window as unknown as { __meetbench?: { mark(n: string, at?: number): void } }).__meetbench?.mark(n, at), name, atMs);
}

/** Joined = the platform said so and own media flows: the latest of those events. */
export function joinTime(marks: CollectorMarks, role: 'sender' | 'receiver'): number | null {
  const events = [marks.joinedSignal, marks.iceConnected, role === 'sender' ? marks.firstOutbound : undefined];
  if (marks.joinedSignal === undefined || marks.iceConnected === undefined) return null;
  return Math.max(...events.filter((e): e is number => e !== undefined));
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Adapters honour ctx.timeoutMs and fail with their precise step; this backstop fires a little later. */
const DEADLINE_GRACE_MS = 1500;

function withDeadline<T>(promise: Promise<T>, deadline: number, step: () => string): Promise<T> {
  return withTimeout(promise, Math.max(1, deadline - Date.now()) + DEADLINE_GRACE_MS).catch((error: unknown) => {
    if (error instanceof JoinStepError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new JoinStepError(step(), message.split('\n')[0] ?? message);
  });
}
