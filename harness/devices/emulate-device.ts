/**
 * Applies a device profile to a participant's page through the DevTools protocol, before the page
 * navigates (a change of mobile layout or touch needs a new document), and reads back what the page sees.
 *
 * - screen: Emulation.setDeviceMetricsOverride through Puppeteer's setViewport (width, height, scale
 *   factor, mobile layout, touch);
 * - touch points: Emulation.setTouchEmulationEnabled with maxTouchPoints, since Puppeteer's `hasTouch`
 *   sends only `enabled` and the page would read navigator.maxTouchPoints = 1;
 * - user agent: Emulation.setUserAgentOverride with its client hints (without them Chromium sends no
 *   Sec-CH-UA-* header that matches the string), {chromeMajor} replaced by the browser's own version;
 * - CPU: Emulation.setCPUThrottlingRate, which slows the renderer's main thread only (Blink's
 *   ThreadCPUThrottler): the page's scripts, layout and paint, not WebRTC's threads nor the codecs.
 */
import type { Page } from 'puppeteer-core';
import { CHROME_MAJOR, type NamedDevice } from './device-schema.ts';

/** what the page itself reads once the participant has joined */
export interface ObservedDevice {
  userAgent: string;
  width: number;
  height: number;
  devicePixelRatio: number;
  maxTouchPoints: number;
  /** navigator.userAgentData, where the page has it (secure contexts) */
  uaMobile: boolean | null;
  uaPlatform: string | null;
}

/** the user agent a profile gives, for a browser whose version string is `browserVersion` (e.g. "HeadlessChrome/156.0.8078.114") */
export function userAgentFor(template: string | null, browserVersion: string): string | null {
  if (template === null) return null;
  const major = /\/(\d+)\./.exec(browserVersion)?.[1] ?? '0';
  return template.replaceAll(CHROME_MAJOR, major);
}

/** @returns the user agent it set (null: the browser's own) */
export async function emulateDevice(page: Page, device: NamedDevice): Promise<string | null> {
  const { profile } = device;
  const touch = profile.touchPoints > 0;
  // Puppeteer's own session for what it can say, so its later calls do not undo ours
  await page.setViewport({
    width: profile.viewport.width,
    height: profile.viewport.height,
    deviceScaleFactor: profile.deviceScaleFactor,
    isMobile: profile.mobile,
    hasTouch: false,
  });
  const userAgent = userAgentFor(profile.userAgent, await page.browser().version());
  if (userAgent !== null) {
    const meta = profile.userAgentMetadata;
    await page.setUserAgent({
      userAgent,
      ...(meta
        ? {
            userAgentMetadata: {
              platform: meta.platform,
              platformVersion: meta.platformVersion,
              model: meta.model,
              mobile: meta.mobile,
              architecture: meta.architecture,
            },
          }
        : {}),
    });
  }
  if (profile.cpuSlowdown > 1) await page.emulateCPUThrottling(profile.cpuSlowdown);
  if (touch) {
    // a session of ours for the touch points, kept open: an override ends with the session that set it
    const session = await page.createCDPSession();
    await session.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: profile.touchPoints });
  }
  return userAgent;
}

export async function observeDevice(page: Page): Promise<ObservedDevice> {
  return page.evaluate(() => {
    const data = (navigator as unknown as { userAgentData?: { mobile: boolean; platform: string } }).userAgentData;
    return {
      userAgent: navigator.userAgent,
      width: window.innerWidth,
      height: window.innerHeight,
      devicePixelRatio: window.devicePixelRatio,
      maxTouchPoints: navigator.maxTouchPoints,
      uaMobile: data ? data.mobile : null,
      uaPlatform: data ? data.platform : null,
    };
  });
}
