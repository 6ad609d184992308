/** How shared browsers are filled: never more senders in one than Chromium has microphones for (16). */
import { describe, expect, it } from 'vitest';
import {
  defaultParticipantsPerBrowser,
  MAX_AUDIO_INPUTS_PER_BROWSER,
  microphonesOpened,
  microphoneUsed,
  sendersInFirstBrowser,
} from '../../../../harness/participants/audio-inputs.ts';

describe('defaultParticipantsPerBrowser', () => {
  it('keeps everybody in one browser while it needs at most 16 microphones', () => {
    expect(defaultParticipantsPerBrowser(10, 10)).toBe(10);
    expect(defaultParticipantsPerBrowser(16, 16)).toBe(16);
    // an audience: 2 speakers and 30 receivers, who open no microphone
    expect(defaultParticipantsPerBrowser(32, 2)).toBe(32);
  });

  it('splits at 16 when more senders would share the first browser', () => {
    expect(defaultParticipantsPerBrowser(17, 17)).toBe(MAX_AUDIO_INPUTS_PER_BROWSER);
    expect(defaultParticipantsPerBrowser(40, 20)).toBe(16);
  });

  it('counts the senders of the first browser, which has the most (senders take the first indexes)', () => {
    expect(sendersInFirstBrowser(20, 18)).toBe(18);
    expect(sendersInFirstBrowser(8, 18)).toBe(8);
  });

  it('counts no microphone for senders whose microphone is generated in the page', () => {
    expect(microphonesOpened(18, 'device')).toBe(18);
    expect(microphonesOpened(18, 'generated')).toBe(0);
    // so 18 senders with generated microphones stay in one browser
    expect(defaultParticipantsPerBrowser(18, microphonesOpened(18, 'generated'))).toBe(18);
  });

  it('records the microphone the senders really used: remote browsers always send the generated tone', () => {
    expect(microphoneUsed('device', 4, 0)).toBe('device');
    expect(microphoneUsed('device', 2, 1)).toBe('mixed');
    expect(microphoneUsed('device', 0, 3)).toBe('generated');
    expect(microphoneUsed('generated', 2, 1)).toBe('generated');
  });
});
