import { describe, expect, it } from 'vitest';
import { scenarioBanner } from '../../../../harness/cli/scenario-banner.ts';
import { loadScenario } from '../../../../harness/scenario/load-scenario.ts';

const load = (participants: string, extra = ''): ReturnType<typeof loadScenario> =>
  loadScenario('s.yaml', `name: banner\nplatforms: [{ id: janus, adapter: janus-videoroom, url: "lab:janus" }]\nparticipants:\n${participants}\n${extra}`);

describe('scenarioBanner', () => {
  it('says the plain case as before: the camera, and a generated microphone that always talks', () => {
    expect(scenarioBanner(load('  count: 2\n  media: { microphone: generated }'))).toBe(
      'meetbench run banner: 1 trial(s), 2 participant(s) each, camera 320x180@15, microphones generated in the page (a tone: always talking, no browser audio processing), 30 s measured after 5 s warm-up',
    );
  });

  it('names who talks when, who shares and which participants are devices', () => {
    const banner = scenarioBanner(
      load(
        '  count: 4\n  media: { microphone: generated, speaking: { pattern: turns, turnS: 3 } }\n  groups:\n    - { count: 2 }\n    - { count: 2, device: android-tablet }',
        'screenShare: { participant: bench1 }\n',
      ),
    );
    expect(banner).toContain('talking in turns of 3 s (1 at a time)');
    expect(banner).toContain('bench1 shares a 1280x720@5 document');
    expect(banner).toContain('devices: bench3-4 as android-tablet (CPU 4x slower)');
  });
});
