/**
 * A network profile: what one participant's link looks like, per direction (uplink = what the participant
 * sends, downlink = what it receives): rate, one-way delay, jitter and random loss, plus an optional
 * firewall (`turn-only`: UDP only to the lab's TURN server). Every field is optional: a missing one is not
 * shaped (the LAN profile has none). The catalogue (scenarios/networks.yaml) and scenarios' inline
 * `networkProfiles` both use this schema.
 */
import { z } from 'zod';

export const directionSchema = z
  .strictObject({
    rateKbps: z.number().min(8).max(10_000_000).optional().describe('rate cap in kbit/s (tbf)'),
    delayMs: z.number().min(0).max(10_000).optional().describe('one-way delay added in this direction (netem)'),
    jitterMs: z.number().min(0).max(10_000).optional().describe('delay variation around delayMs (netem)'),
    lossPct: z.number().min(0).max(100).optional().describe('random packet loss in % (netem, or nftables where netem is missing)'),
  })
  .refine((d) => d.jitterMs === undefined || d.jitterMs === 0 || (d.delayMs ?? 0) > 0, {
    message: 'jitterMs needs a delayMs (jitter is a variation around a delay)',
    path: ['jitterMs'],
  });

export const FIREWALLS = ['turn-only'] as const;

export const profileSchema = z
  .strictObject({
    description: z.string().optional(),
    source: z.string().optional().describe('where the numbers come from'),
    uplink: directionSchema.default({}),
    downlink: directionSchema.default({}),
    firewall: z.enum(FIREWALLS).optional().describe('turn-only: UDP only to and from the lab TURN server (coturn), so media must relay'),
  })
  .describe('network profile of a participant');

export const PROFILE_NAME = /^[a-z0-9][a-z0-9_-]{0,30}$/;
export const profileNameSchema = z.string().regex(PROFILE_NAME, 'lower-case letters, digits, "-" and "_" (it names the profile in reports)');

export const catalogueSchema = z
  .strictObject({
    profiles: z.record(profileNameSchema, profileSchema),
  })
  .describe('meetbench network-profile catalogue');

export type Direction = z.output<typeof directionSchema>;
export type NetworkProfile = z.output<typeof profileSchema>;
export type Catalogue = z.output<typeof catalogueSchema>;

/** a profile with its name, as the runner and the report see it */
export interface NamedProfile {
  name: string;
  profile: NetworkProfile;
}

/** true when nothing is shaped and no firewall is set (the LAN profile) */
export function isUnshaped(profile: NetworkProfile): boolean {
  const empty = (d: Direction): boolean => d.rateKbps === undefined && !d.delayMs && !d.jitterMs && !d.lossPct;
  return empty(profile.uplink) && empty(profile.downlink) && profile.firewall === undefined;
}
