/**
 * Does Chromium's fake camera and microphone work here? Launches the browser headless with the flags the
 * participants use, opens a blank page from a loopback HTTP server (getUserMedia needs a secure context,
 * and about:blank is not one, while http://127.0.0.1 is), and asks for audio and video.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

export const FAKE_MEDIA_FLAGS = [
  '--no-sandbox',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface FakeMediaResult {
  ok: boolean;
  detail: string;
  tracks: string[];
  ms: number;
}

export async function probeFakeMedia(chromiumPath: string, timeoutMs = 30_000): Promise<FakeMediaResult> {
  const started = Date.now();
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>meetbench doctor</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const profile = mkdtempSync(path.join(os.tmpdir(), 'meetbench-profile-doctor-'));
  let browser: Browser | null = null;
  try {
    browser = await puppeteer.launch({
      executablePath: chromiumPath,
      pipe: true,
      headless: true,
      userDataDir: profile,
      args: FAKE_MEDIA_FLAGS,
      timeout: timeoutMs,
    });
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`, { timeout: timeoutMs });
    const tracks = await page.evaluate(async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      const kinds = stream.getTracks().map((t) => `${t.kind}:${t.label}`);
      for (const t of stream.getTracks()) t.stop();
      return kinds;
    });
    const ok = tracks.some((t) => t.startsWith('audio:')) && tracks.some((t) => t.startsWith('video:'));
    return {
      ok,
      detail: ok ? `audio and video tracks (${tracks.map((t) => t.split(':')[1]).join(', ')})` : `got only ${tracks.join(', ') || 'no tracks'}`,
      tracks,
      ms: Date.now() - started,
    };
  } catch (error) {
    return { ok: false, detail: (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'failed', tracks: [], ms: Date.now() - started };
  } finally {
    // close() can hang on a wedged browser: kill the process after a grace period
    if (browser) {
      const proc = browser.process();
      await Promise.race([browser.close(), new Promise((resolve) => setTimeout(resolve, 5000))]).catch(() => undefined);
      if (proc && proc.exitCode === null) proc.kill('SIGKILL');
    }
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
