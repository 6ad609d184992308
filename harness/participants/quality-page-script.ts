/**
 * The receivers' quality measurement for one page (page-scripts/quality-receiver.ts), with what it needs:
 * the senders' capture size (to read stamps at any decoded size and draw the reference frames), how often
 * to score pictures, whether remote audio is played (with `runner.playAudio: false` nothing is), and the
 * code of its worker and audio worklet, which the page starts from blobs.
 */
import { pageScript } from './page-script.ts';

export interface QualityOptions {
  capture: { width: number; height: number };
  /** ms between two picture scores of one sender (PSNR, SSIM) */
  pictureEveryMs: number;
  audio: boolean;
}

/** a picture scored about once a second per sender: the default sampling of `npm run bench:collector` */
export const PICTURE_EVERY_MS = 1000;

export function qualityPageScript(options: QualityOptions): string {
  const config = { ...options, workerCode: pageScript('quality-video-worker'), workletCode: pageScript('quality-marker-worklet') };
  return `window.__meetbenchQualityConfig = ${JSON.stringify(config)};\n${pageScript('quality-receiver')}`;
}
