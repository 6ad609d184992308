/**
 * BigBlueButton through its API: the adapter signs `create` (idempotent) and `join` with the shared secret
 * (SHA-1/256/384/512), opens the join URL in the participant's browser and lands in the HTML5 client.
 * Join parameters ask the client to skip the echo test and the video preview; when a deployment does not
 * honour them the adapter goes through the audio modal and the webcam preview like a person would.
 * BBB's local echo-test peer connections are excluded from bandwidth (excludePeerConnection).
 */
import { z } from 'zod';
import { JoinStepError } from '../../errors.ts';
import { clickUntilGone, clickWhenReady, navigateStep, shortReason, waitForExpression } from '../join-steps.ts';
import type { JoinContext, PlatformAdapter } from '../platform-adapter.ts';
import { createUrl, joinUrl, redactChecksum, type BbbCallInput } from './api-urls.ts';
import { CHECKSUM_ALGORITHMS } from './checksum.ts';
import { EXCLUDE_ECHO_TEST, PAGE_STATE, SELECTORS } from './selectors.ts';

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name (A-Z, 0-9, _)');

export const bbbOptionsSchema = z.strictObject({
  secretEnv: envName.describe('environment variable holding the shared secret (securitySalt; `bbb-conf --secret`)'),
  checksumAlgorithm: z.enum(CHECKSUM_ALGORITHMS).default('sha256').describe("checksum hash; must be in the server's supportedChecksumAlgorithms"),
  meetingPrefix: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/)
    .default('meetbench-')
    .describe('meeting ID prefix for numbered rooms (room 2 → meetbench-2)'),
  joinAs: z.enum(['moderator', 'viewer']).default('moderator').describe('role of the synthetic participants'),
  credentials: z.enum(['password', 'role']).default('password').describe('join with the meeting passwords (all versions) or with role= (2.4+)'),
  moderatorPassword: z.string().min(1).default('mp').describe('moderatorPW given at create (not a secret: meetbench creates the meeting)'),
  attendeePassword: z.string().min(1).default('ap').describe('attendeePW given at create'),
  skipModals: z.boolean().default(true).describe('join parameters that skip the echo test and the video preview'),
  createParams: z.record(z.string(), z.string()).default({}).describe('extra create parameters, e.g. {"cameraBridge": "livekit"}'),
  joinParams: z.record(z.string(), z.string()).default({}).describe('extra join parameters'),
  modalWaitMs: z.number().int().min(0).max(60_000).default(4000).describe('how long to wait for audio/video to start by themselves before using the modals'),
});
type BbbOptions = z.output<typeof bbbOptionsSchema>;

const options = (ctx: JoinContext): BbbOptions => bbbOptionsSchema.parse(ctx.platform.options);

function callInput(ctx: JoinContext, opts: BbbOptions): BbbCallInput {
  const secret = ctx.secret(opts.secretEnv);
  if (!secret) throw new JoinStepError('sign', `environment variable ${opts.secretEnv} (the BBB shared secret) is not set`);
  const meetingId = /^\d+$/.test(ctx.participant.room) ? `${opts.meetingPrefix}${ctx.participant.room}` : ctx.participant.room;
  return {
    base: ctx.platform.url,
    secret,
    algorithm: opts.checksumAlgorithm,
    meetingId,
    meetingName: meetingId,
    fullName: ctx.participant.name,
    moderator: opts.joinAs === 'moderator',
    credentials: opts.credentials,
    moderatorPassword: opts.moderatorPassword,
    attendeePassword: opts.attendeePassword,
    sender: ctx.participant.role === 'sender',
    skipModals: opts.skipModals,
    createParams: opts.createParams,
    joinParams: opts.joinParams,
  };
}

async function createMeeting(ctx: JoinContext, input: BbbCallInput): Promise<void> {
  const url = createUrl(input);
  let body: string;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(Math.max(1, Math.min(ctx.timeoutMs, 15_000))) });
    body = await res.text();
  } catch (error) {
    throw new JoinStepError('create-meeting', `${redactChecksum(url)} did not answer (${shortReason(error)})`);
  }
  const code = /<returncode>(\w+)<\/returncode>/.exec(body)?.[1];
  if (code !== 'SUCCESS') {
    const key = /<messageKey>([^<]*)<\/messageKey>/.exec(body)?.[1] ?? '?';
    const message = /<message>([^<]*)<\/message>/.exec(body)?.[1] ?? body.slice(0, 200);
    throw new JoinStepError('create-meeting', `BBB refused create: ${key}: ${message}`);
  }
}

/** Which of two things shows first within waitMs: the awaited state or a modal to drive; null for neither. */
async function whichFirst(ctx: JoinContext, done: string, modal: string, waitMs: number): Promise<'done' | 'modal' | null> {
  const expr = `(() => { try { if (${done}) return 'done'; } catch (e) {} return document.querySelector(${JSON.stringify(modal)}) ? 'modal' : false; })()`;
  try {
    const handle = await ctx.page.waitForFunction(expr, { timeout: Math.max(1, Math.min(waitMs, ctx.timeoutMs)), polling: 100 });
    return (await handle.jsonValue()) as 'done' | 'modal';
  } catch {
    return null;
  }
}

async function joinAudio(ctx: JoinContext, opts: BbbOptions): Promise<void> {
  const sender = ctx.participant.role === 'sender';
  const first = await whichFirst(ctx, PAGE_STATE.audioJoined, SELECTORS.audioModal, opts.modalWaitMs);
  if (first === 'done') return;
  if (first === null) await clickWhenReady(ctx, 'open-audio', SELECTORS.joinAudio);
  if (sender) {
    await clickWhenReady(ctx, 'audio-microphone', SELECTORS.microphoneButton);
    // the echo test: "yes, I hear myself"
    await clickWhenReady(ctx, 'echo-test', SELECTORS.joinEchoTest);
  } else {
    await clickWhenReady(ctx, 'audio-listen-only', SELECTORS.listenOnlyButton);
  }
}

async function shareWebcam(ctx: JoinContext, opts: BbbOptions): Promise<void> {
  const first = await whichFirst(
    ctx,
    `${PAGE_STATE.webcamShared} || !!document.querySelector(${JSON.stringify(SELECTORS.webcamConnecting)})`,
    SELECTORS.videoPreview,
    opts.modalWaitMs,
  );
  if (first === 'done') return;
  if (first === null) await clickWhenReady(ctx, 'open-webcam', SELECTORS.joinVideo);
  // the preview video takes its size as the camera starts, moving the button under the pointer
  await clickUntilGone(ctx, 'webcam-preview', SELECTORS.startSharingWebcam);
}

export const bigBlueButtonAdapter: PlatformAdapter = {
  id: 'bigbluebutton',
  title: 'BigBlueButton',
  description:
    'BigBlueButton HTML5 client through signed API create+join (SHA-1/256/384/512); echo test and video preview skipped by join parameters, modal flow as fallback; echo-test peer connections excluded.',
  capabilities: { send: true, receiveOnly: true, rooms: true, screenShare: false, lab: false },
  optionsSchema: bbbOptionsSchema,
  excludePeerConnection: EXCLUDE_ECHO_TEST,

  async join(ctx) {
    const opts = options(ctx);
    const input = callInput(ctx, opts);
    await createMeeting(ctx, input);
    const url = joinUrl(input);
    await navigateStep(ctx, url, 'navigate', redactChecksum(url));
    const loaded = `(${PAGE_STATE.clientLoaded}) ? 'layout' : (document.querySelector(${JSON.stringify(SELECTORS.errorMessage)}) ? 'error' : false)`;
    let state: string;
    try {
      state = (await (await ctx.page.waitForFunction(loaded, { timeout: ctx.timeoutMs, polling: 100 })).jsonValue()) as string;
    } catch (error) {
      throw new JoinStepError('client-load', `${SELECTORS.layout} never appeared (${shortReason(error)})`, SELECTORS.layout);
    }
    if (state === 'error') {
      const text = String((await ctx.page.evaluate(PAGE_STATE.errorText).catch(() => '')) ?? '').trim();
      throw new JoinStepError('client-load', `the client shows an error: ${text.slice(0, 200)}`, SELECTORS.errorMessage);
    }
    await ctx.mark('uiReady');
    // the join URL is the join action; audio and webcam follow
    await ctx.mark('joinAction');
    await joinAudio(ctx, opts);
    if (ctx.participant.role === 'sender') await shareWebcam(ctx, opts);
  },

  async joinedSignal(ctx) {
    await waitForExpression(ctx, 'audio-joined', PAGE_STATE.audioJoined);
    if (ctx.participant.role === 'sender') await waitForExpression(ctx, 'webcam-shared', PAGE_STATE.webcamShared);
  },

  async leave(ctx) {
    await clickWhenReady({ ...ctx, timeoutMs: 1500 }, 'leave', SELECTORS.optionsButton);
    await clickWhenReady({ ...ctx, timeoutMs: 1500 }, 'leave', SELECTORS.optionsLogout);
  },
};
