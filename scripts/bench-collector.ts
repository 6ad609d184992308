/**
 * npm run bench:collector — what measuring costs, in the participants' browsers:
 * - the in-page collector (WebRTC statistics, join phases), sampled every second as in a trial: the same
 *   participants join the same lab Janus room with and without it (same fake media);
 * - the receivers' quality measurement (frame stamps, freezes, PSNR/SSIM once a second, audio markers),
 *   with generated camera and microphone, with and without it: its cost per received feed (each
 *   participant receives the video and audio of every other one).
 * Rounds alternate A/B, B/A so drift of the machine hits both alike. Prints the figures; the targets are
 * under 2 % of one core per participant (collector) and per received feed (quality).
 *
 * Options (env): BENCH_WHAT (collector, quality or both: default both), BENCH_PARTICIPANTS (default 2 for
 * the collector, 3 for quality), BENCH_SECONDS (window, default 20), BENCH_ROUNDS (default 2).
 */
import { CORES } from '../harness/collectors/runner-cpu.ts';
import { PICTURE_EVERY_MS } from '../harness/participants/quality-page-script.ts';
import { benchLab, mean, measureRoom, type RoomFigures } from './bench-room.ts';

const what = process.env.BENCH_WHAT ?? 'both';
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);

const lab = await benchLab('bench:collector');
const url = lab.url;

/** A/B rounds of `measure(on)`; the figures of each side */
async function alternate(
  label: string,
  measure: (on: boolean, round: number) => Promise<RoomFigures>,
): Promise<{ on: number[]; off: number[]; runner: number[] }> {
  const out = { on: [] as number[], off: [] as number[], runner: [] as number[] };
  for (let round = 0; round < rounds; round += 1) {
    for (const on of round % 2 === 0 ? [true, false] : [false, true]) {
      const r = await measure(on, round);
      out[on ? 'on' : 'off'].push(...r.perParticipant);
      out.runner.push(r.runner);
      process.stderr.write(
        `round ${round + 1} ${on ? 'with   ' : 'without'} ${label}: ${r.perParticipant.map((v) => `${v.toFixed(1)} %`).join(', ')} of one core per participant (runner ${r.runner.toFixed(0)} %)\n`,
      );
    }
  }
  return out;
}

const lines: string[] = [''];
try {
  if (what === 'collector' || what === 'both') {
    const participants = Number(process.env.BENCH_PARTICIPANTS ?? 2);
    const media = { width: 320, height: 180, fps: 15 };
    const r = await alternate('collector', (collect, round) => measureRoom({ url, participants, media, collect, quality: false, seconds, room: 3 + round }));
    const cost = mean(r.on) - mean(r.off);
    lines.push(
      `collector cost, ${participants} participant(s) in one Janus room, 320x180@15, ${seconds} s windows, ${rounds} round(s), ${CORES} cores, runner CPU avg ${mean(r.runner).toFixed(0)} %`,
      `  browser CPU per participant with collector:    ${mean(r.on).toFixed(2)} % of one core`,
      `  browser CPU per participant without collector: ${mean(r.off).toFixed(2)} % of one core`,
      `  collector cost per participant:                ${cost.toFixed(2)} % of one core (target < 2 %) ${cost < 2 ? 'OK' : 'ABOVE TARGET'}`,
    );
  }
  if (what === 'quality' || what === 'both') {
    const participants = Number(process.env.BENCH_PARTICIPANTS ?? 3);
    const media = { width: 320, height: 180, fps: 15, camera: 'generated' as const, microphone: 'generated' as const };
    const r = await alternate('quality', (quality, round) => measureRoom({ url, participants, media, collect: true, quality, seconds, room: 5 + round }));
    const feeds = participants - 1;
    const perFeed = (mean(r.on) - mean(r.off)) / feeds;
    lines.push(
      `receivers' quality measurement, ${participants} participants in one Janus room (${feeds} received feeds each: video and audio), generated camera and microphone 320x180@15, pictures scored every ${PICTURE_EVERY_MS / 1000} s per feed, ${seconds} s windows, ${rounds} round(s), ${CORES} cores, runner CPU avg ${mean(r.runner).toFixed(0)} %`,
      `  browser CPU per participant with quality measurement:    ${mean(r.on).toFixed(2)} % of one core`,
      `  browser CPU per participant without quality measurement: ${mean(r.off).toFixed(2)} % of one core`,
      `  quality measurement cost per received feed:              ${perFeed.toFixed(2)} % of one core (target <= 2 %) ${perFeed <= 2 ? 'OK' : 'ABOVE TARGET'}`,
    );
  }
} finally {
  await lab.done();
}
process.stdout.write(`${lines.join('\n')}\n`);
