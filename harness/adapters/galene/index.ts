/**
 * Galène through its own web client (real in the lab when Galène is installed, see
 * scripts/install-galene.sh). Joined signal: the client's own joined state (`serverConnection.group`,
 * set on the server's "joined" reply) plus media on a peer connection: a sender's own up stream ICE
 * connected, or for a receiver a remote stream's down connection.
 */
import { z } from 'zod';
import type { PlatformAdapter } from '../platform-adapter.ts';
import { fillLoginForm, groupUrl, leaveGroup, navigate, waitJoined, type GaleneOptions } from './join-flow.ts';

const optionsSchema = z.strictObject({
  roomPrefix: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/)
    .default('meetbench-')
    .describe('group name prefix for numbered rooms (room 2 → meetbench-2)'),
  passwordEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/)
    .optional()
    .describe('environment variable holding the group password (open lab groups need none)'),
  enableWaitMs: z.number().int().min(0).default(5000).describe('how long a sender waits for automatic publishing before clicking "Enable"'),
});

function options(raw: Record<string, unknown>): GaleneOptions {
  return optionsSchema.parse(raw);
}

export const galeneAdapter: PlatformAdapter = {
  id: 'galene',
  title: 'Galène (its own web client)',
  description: 'Galène videoconference server with its own web client; runs for real in the lab when built from its Go module.',
  capabilities: { send: true, receiveOnly: true, rooms: true, screenShare: false, lab: true },
  optionsSchema,

  async join(ctx) {
    const opts = options(ctx.platform.options);
    await navigate(ctx, groupUrl(ctx.platform.url, ctx.participant.room, opts.roomPrefix));
    await fillLoginForm(ctx, opts);
  },

  async joinedSignal(ctx) {
    await waitJoined(ctx, options(ctx.platform.options));
  },

  async leave(ctx) {
    await leaveGroup(ctx);
  },
};
