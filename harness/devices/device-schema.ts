/**
 * A device profile: what one participant's browser pretends to be, and how slow its CPU is. The screen
 * (viewport in CSS pixels, device scale factor, mobile layout), the touch screen, the user agent with its
 * client hints, and a CPU slow-down factor applied by the DevTools protocol (Emulation.setCPUThrottlingRate:
 * the page's main thread only, docs/devices.md). The catalogue (scenarios/devices.yaml) and scenarios'
 * inline `deviceProfiles` both use this schema; every value says where it comes from (`sources`).
 */
import { z } from 'zod';

export const DEVICE_NAME = /^[a-z0-9][a-z0-9_-]{0,30}$/;
export const deviceNameSchema = z.string().regex(DEVICE_NAME, 'lower-case letters, digits, "-" and "_" (it names the device in reports)');

/** the placeholder a user agent may hold for the participant browser's own major version */
export const CHROME_MAJOR = '{chromeMajor}';

const userAgentMetadataSchema = z
  .strictObject({
    platform: z.string().min(1).describe('Sec-CH-UA-Platform, e.g. "Android"'),
    platformVersion: z.string().default('').describe('Sec-CH-UA-Platform-Version, e.g. "13"'),
    model: z.string().default('').describe('Sec-CH-UA-Model, e.g. "SM-X200"'),
    mobile: z.boolean().describe('Sec-CH-UA-Mobile: false for a tablet, as Chrome on a tablet says'),
    architecture: z.string().default('').describe('Sec-CH-UA-Arch, e.g. "arm"'),
  })
  .describe('the client hints the browser sends with the user agent (the DevTools protocol sends none unless they are given)');

const fields = {
  title: z.string().min(1).describe('what the device is, for reports, e.g. "Mid-range Android tablet"'),
  viewport: z
    .strictObject({
      width: z.number().int().min(200).max(4000).describe('CSS pixels'),
      height: z.number().int().min(200).max(4000).describe('CSS pixels'),
    })
    .describe('the browser window in CSS pixels (what window.innerWidth and innerHeight read)'),
  deviceScaleFactor: z.number().min(0.5).max(5).describe('device pixels per CSS pixel (window.devicePixelRatio)'),
  mobile: z.boolean().describe('mobile layout: viewport meta tag, overlay scrollbars, text autosizing'),
  touchPoints: z.number().int().min(0).max(10).describe('touch screen with this many touch points (navigator.maxTouchPoints); 0: none'),
  userAgent: z
    .string()
    .min(1)
    .nullable()
    .describe(`the User-Agent string, ${CHROME_MAJOR} standing for the participant browser's own major version; null: the browser's own`),
  userAgentMetadata: userAgentMetadataSchema.optional(),
  cpuSlowdown: z
    .number()
    .min(1, 'a CPU slow-down factor is 1 (full speed) or more: the emulation slows the CPU down, never up')
    .max(20)
    .describe("how many times slower the page's main thread runs (Emulation.setCPUThrottlingRate); 1: full speed"),
  sources: z.record(z.string(), z.string()).default({}).describe('where each value comes from, by field name'),
};

export const deviceProfileSchema = z.strictObject(fields).describe('device profile of a participant');

/**
 * A scenario's own profile: a whole profile, or a catalogue profile (`base`) with some values changed,
 * e.g. the same tablet at full speed.
 */
export const deviceOverrideSchema = z
  .strictObject({
    base: deviceNameSchema.optional().describe('a catalogue profile (or another of deviceProfiles) this one starts from'),
    title: fields.title.optional(),
    viewport: fields.viewport.optional(),
    deviceScaleFactor: fields.deviceScaleFactor.optional(),
    mobile: fields.mobile.optional(),
    touchPoints: fields.touchPoints.optional(),
    userAgent: fields.userAgent.optional(),
    userAgentMetadata: userAgentMetadataSchema.optional(),
    cpuSlowdown: fields.cpuSlowdown.optional(),
    sources: z.record(z.string(), z.string()).optional(),
  })
  .describe('a device profile of this scenario: whole, or a base profile with some values changed');

export const deviceCatalogueSchema = z
  .strictObject({
    devices: z.record(deviceNameSchema, deviceProfileSchema),
  })
  .describe('meetbench device-profile catalogue');

export type DeviceProfile = z.output<typeof deviceProfileSchema>;
export type DeviceOverride = z.output<typeof deviceOverrideSchema>;
export type DeviceCatalogue = z.output<typeof deviceCatalogueSchema>;

/** a profile with its name, as the runner and the report see it */
export interface NamedDevice {
  name: string;
  profile: DeviceProfile;
}

/** the fields a whole profile needs and an override may leave to its base */
export const REQUIRED_FIELDS = ['title', 'viewport', 'deviceScaleFactor', 'mobile', 'touchPoints', 'userAgent', 'cpuSlowdown'] as const;
