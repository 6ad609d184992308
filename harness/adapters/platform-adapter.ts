/**
 * The platform adapter interface: one join recipe per platform, behind a fixed lifecycle
 * (prepare → beforeNavigation → join → joinedSignal → … → leave). The runner owns the browser, the
 * collector and the timings; an adapter only knows how its platform's page is driven.
 */
import type { Page } from 'puppeteer-core';
import type { z } from 'zod';
import type { MediaModel } from '../../results/run-record.ts';

export interface Capabilities {
  /** participants can publish camera and microphone */
  send: boolean;
  /** participants can join without publishing */
  receiveOnly: boolean;
  /** several rooms can run at once on one deployment */
  rooms: boolean;
  /** a participant can share a screen (the adapter's `screenShare` says how) */
  screenShare: boolean;
  /** the platform runs in meetbench's lab (a real server), not only as a replica page */
  lab: boolean;
  /** participants per room the platform carries, when it is fixed (a 1:1 call: 2); absent, any number */
  roomSize?: number;
}

export interface PlatformTarget {
  /** the platform id from the scenario, e.g. "janus" */
  id: string;
  adapter: string;
  /** base URL of the deployment (lab URLs already resolved) */
  url: string;
  /** adapter-specific options, already validated by the adapter's optionsSchema */
  options: Record<string, unknown>;
  /** the scenario allows a self-signed certificate for this platform (its browsers ignore certificate errors) */
  acceptSelfSignedCertificate?: boolean;
}

export interface ParticipantInfo {
  name: string;
  index: number;
  role: 'sender' | 'receiver';
  /** room name or number for this participant */
  room: string;
  /**
   * names of everyone the scenario puts in this room, this participant included, in joining order: who
   * calls whom on a 1:1 platform (the first waits for the call, the second calls it)
   */
  roomMembers: string[];
}

export interface JoinContext {
  page: Page;
  platform: PlatformTarget;
  participant: ParticipantInfo;
  /** remaining time budget for this step, in ms */
  timeoutMs: number;
  /**
   * record a join phase in the page's collector ("uiReady" when the join control is usable, "joinAction" when
   * clicked), now; `atMs` (the page's clock: ms since its navigation began) records one that happened before
   * the page could be marked: opening a link that joins by itself is the join action, at 0
   */
  mark(phase: 'uiReady' | 'joinAction', atMs?: number): Promise<void>;
  /** read an environment variable holding a secret; the value is never logged */
  secret(name: string): string | undefined;
}

/**
 * How a participant shares a screen on this platform (scenario `screenShare`): through the platform's own
 * share control or client, whose getDisplayMedia call meetbench answers with a generated document, no
 * picker (page-scripts/screen-document.ts).
 */
export interface ScreenShareSupport {
  /** after the sharer joined: start the share as a user of this platform would */
  start(ctx: JoinContext): Promise<void>;
  /** a function body run in every participant's page: the ids of the received video tracks that carry a share */
  receivedTracks: string;
  /** why these options cannot share, or null when they can */
  unsupported?(options: Record<string, unknown>): string | null;
}

export interface PlatformAdapter {
  id: string;
  title: string;
  description: string;
  capabilities: Capabilities;
  /** options the adapter accepts under `platforms[].options`, documented by `meetbench platforms` */
  optionsSchema: z.ZodType<Record<string, unknown>>;
  /** once per trial, before any participant (e.g. create a meeting through an API) */
  prepare?(platform: PlatformTarget): Promise<void>;
  /** scripts to run in the page before its own scripts (quirk fixes); runs after the collector */
  beforeNavigation?(ctx: JoinContext): Promise<void>;
  /** open the meeting page and do the UI steps up to and including the join action */
  join(ctx: JoinContext): Promise<void>;
  /** resolve when the platform itself says the participant is in the meeting */
  joinedSignal(ctx: JoinContext): Promise<void>;
  /**
   * At the end of the measurement window: null while the platform itself says the participant is still in
   * the meeting, or what it says instead (a server gone mid-trial). The participant then fails at step
   * "in-meeting" with these words. Absent: the platform's page has no such state to read.
   */
  meetingState?(ctx: JoinContext): Promise<string | null>;
  /** leave the meeting cleanly (best effort; the runner closes the browser anyway) */
  leave(ctx: JoinContext): Promise<void>;
  /** present exactly when capabilities.screenShare is true */
  screenShare?: ScreenShareSupport;
  /** peer connections the adapter wants excluded from bandwidth (e.g. BBB's echo test), by a test on their config */
  excludePeerConnection?: string;
  /**
   * Whether participants may be pages of one browser profile (`runner.isolation: page`): null when they
   * may, or why not. Pages of one profile share cookies, storage and Chromium's 6 HTTP connections per
   * host, so only a platform whose page keeps no per-person session in them and holds no HTTP request
   * open per participant (signalling over WebSocket) stays honest that way. Absent: never.
   */
  sharedProfile?(options: Record<string, unknown>): string | null;
  /** how the platform carries media with these options (bandwidth planning projects with it); absent or null: not known */
  mediaModel?(options: Record<string, unknown>): MediaModel | null;
  /**
   * The most participants one meeting holds with these options, and why (a mesh that every member sends
   * to every other): a scenario with larger rooms is refused at validation with that reason. Absent: no limit.
   */
  roomLimit?(options: Record<string, unknown>): { max: number; why: string } | null;
}
