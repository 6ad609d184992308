import { describe, expect, it } from 'vitest';
import { MARKER_S, MarkerDetector, markerWave } from '../../../../../harness/page-scripts/quality/audio-marker.ts';

/** a 400 Hz bed with markers at the given sample offsets, fed to a detector in 128-sample blocks */
function detect(rate: number, markers: Array<{ at: number; sender: number; time: number }>, length: number, noise = 0) {
  const signal = new Float32Array(length);
  for (let i = 0; i < length; i += 1) signal[i] = 0.1 * Math.sin((2 * Math.PI * 400 * i) / rate);
  for (const m of markers) signal.set(markerWave({ sender: m.sender, time: m.time }, rate).subarray(0, length - m.at), m.at);
  let seed = 7;
  for (let i = 0; i < length; i += 1) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    signal[i]! += noise * ((seed / 2 ** 31) * 2 - 1);
  }
  const detector = new MarkerDetector(rate);
  const hits = [];
  for (let i = 0; i < length; i += 128) hits.push(...detector.push(signal.subarray(i, Math.min(length, i + 128))));
  return hits;
}

describe('audio markers', () => {
  it('finds every marker with its sender and time, and its onset to the millisecond', () => {
    for (const rate of [48_000, 44_100, 16_000]) {
      const markers = [
        { at: Math.round(0.2 * rate) + 17, sender: 3, time: 65_000 },
        { at: Math.round(1.2 * rate) + 61, sender: 63, time: 1_234 },
        { at: Math.round(2.2 * rate) + 5, sender: 0, time: 0 },
      ];
      const hits = detect(rate, markers, 3 * rate);
      expect(
        hits.map(({ sender, time }) => ({ sender, time })),
        `${rate} Hz`,
      ).toEqual(markers.map(({ sender, time }) => ({ sender, time })));
      hits.forEach((h, i) => expect(Math.abs(h.onset - markers[i]!.at), `${rate} Hz onset`).toBeLessThanOrEqual(rate / 1000));
    }
  });

  it('reads markers under noise, and reports nothing in a bed without markers', () => {
    expect(detect(48_000, [{ at: 4_000, sender: 9, time: 4_321 }], 48_000, 0.05).map((h) => h.time)).toEqual([4_321]);
    expect(detect(48_000, [], 96_000, 0.05)).toEqual([]);
  });

  it('keeps samples it never saw (quanta the audio graph skipped) in their place, so onsets stay on the stream', () => {
    const rate = 48_000;
    const detector = new MarkerDetector(rate);
    detector.push(new Float32Array(1280));
    // 2 s the caller skipped, more than the detector keeps
    detector.skip(2 * rate);
    const wave = markerWave({ sender: 7, time: 777 }, rate);
    const signal = new Float32Array(rate);
    signal.set(wave, 1000);
    const hits = [];
    for (let i = 0; i < signal.length; i += 128) hits.push(...detector.push(signal.subarray(i, i + 128)));
    expect(hits).toHaveLength(1);
    expect(Math.abs(hits[0]!.onset - (1280 + 2 * rate + 1000))).toBeLessThanOrEqual(rate / 1000);
  });

  it('lasts about a third of a second', () => {
    expect(MARKER_S).toBeCloseTo(0.324, 3);
  });
});
