/**
 * npm run bench:camera — what the generated camera (media.camera: generated: the stamped test pattern
 * written by the page) costs against Chromium's fake camera at the same size and rate. The same
 * participants join the same lab Janus room with one camera, then the other, rounds alternating A/B,
 * B/A; the collector samples as in a trial, the microphone is the fake device both times. Prints the
 * runner's CPU and each participant browser's CPU for both; the target is no more than the fake device.
 *
 * Options (env): BENCH_SIZES (default "320x180@15,640x360@30"), BENCH_PARTICIPANTS (default 2),
 * BENCH_SECONDS (window, default 20), BENCH_ROUNDS (default 2).
 */
import { CORES } from '../harness/collectors/runner-cpu.ts';
import { benchLab, mean, measureRoom } from './bench-room.ts';

const sizes = (process.env.BENCH_SIZES ?? '320x180@15,640x360@30').split(',').map((s) => {
  const m = /^(\d+)x(\d+)@(\d+)$/.exec(s.trim());
  if (!m) throw new Error(`BENCH_SIZES: "${s}" is not WIDTHxHEIGHT@FPS`);
  return { width: Number(m[1]), height: Number(m[2]), fps: Number(m[3]) };
});
const participants = Number(process.env.BENCH_PARTICIPANTS ?? 2);
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);

const lab = await benchLab('bench:camera');
const url = lab.url;

const lines: string[] = [''];
try {
  let room = 3;
  for (const size of sizes) {
    const figures = { device: { browser: [] as number[], runner: [] as number[] }, generated: { browser: [] as number[], runner: [] as number[] } };
    for (let round = 0; round < rounds; round += 1) {
      for (const camera of round % 2 === 0 ? (['generated', 'device'] as const) : (['device', 'generated'] as const)) {
        const r = await measureRoom({ url, participants, media: { ...size, camera }, collect: true, quality: false, seconds, room: room++ });
        figures[camera].browser.push(...r.perParticipant);
        figures[camera].runner.push(r.runner);
        process.stderr.write(
          `${size.width}x${size.height}@${size.fps} round ${round + 1} ${camera.padEnd(9)}: runner ${r.runner.toFixed(1)} %, browsers ${r.perParticipant.map((v) => `${v.toFixed(1)} %`).join(', ')} of one core\n`,
        );
      }
    }
    const runnerDiff = mean(figures.generated.runner) - mean(figures.device.runner);
    lines.push(
      `camera ${size.width}x${size.height}@${size.fps}, ${participants} participants in one Janus room, ${seconds} s windows, ${rounds} round(s), ${CORES} cores`,
      `  fake device:      runner CPU ${mean(figures.device.runner).toFixed(1)} % of all cores, browser ${mean(figures.device.browser).toFixed(1)} % of one core per participant`,
      `  generated camera: runner CPU ${mean(figures.generated.runner).toFixed(1)} % of all cores, browser ${mean(figures.generated.browser).toFixed(1)} % of one core per participant`,
      `  generated minus fake device: ${runnerDiff >= 0 ? '+' : ''}${runnerDiff.toFixed(1)} points of runner CPU (target <= 0) ${runnerDiff <= 0 ? 'OK' : 'ABOVE TARGET'}`,
    );
  }
} finally {
  await lab.done();
}
process.stdout.write(`${lines.join('\n')}\n`);
