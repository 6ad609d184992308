import { describe, expect, it } from 'vitest';
import { janusVideoroomAdapter } from '../../../../harness/adapters/janus-videoroom/index.ts';
import { participantPatterns, readsMediaSources } from '../../../../harness/runner/participant-patterns.ts';
import { trialMedia } from '../../../../harness/runner/trial-media.ts';
import { loadScenario } from '../../../../harness/scenario/load-scenario.ts';

const scenario = (extra: string, media = ''): ReturnType<typeof loadScenario> =>
  loadScenario(
    's.yaml',
    `name: patterns
platforms: [{ id: janus, adapter: janus-videoroom, url: "lab:janus" }]
participants:
  count: 4
  receivers: 1
  media: { microphone: generated${media} }
${extra}`,
  );

describe('participantPatterns', () => {
  it('gives nothing extra to a plain scenario: no page script, no getStats by media source', () => {
    const plain = scenario('');
    expect(readsMediaSources(plain)).toBe(false);
    expect(participantPatterns(plain, janusVideoroomAdapter, 0, 1000)).toEqual({});
  });

  it('puts the senders on the schedule counted from the trial epoch, not the receivers', () => {
    const turns = scenario('', ', speaking: turns');
    const first = participantPatterns(turns, janusVideoroomAdapter, 2, 1000);
    expect(first.speaking).toEqual({
      schedule: expect.objectContaining({ pattern: 'turns', turnMs: 5000, speakers: 1 }),
      sender: 2,
      senders: 3,
      epochMs: 1000,
    });
    expect(participantPatterns(turns, janusVideoroomAdapter, 3, 1000).speaking).toBeUndefined();
    expect(first.mediaSources).toEqual({ screenTracks: janusVideoroomAdapter.screenShare!.receivedTracks });
    expect(trialMedia(turns, 'generated', 'device').speaking).toEqual({ pattern: 'turns', turnS: 5, speakers: 1 });
  });

  it('hands the document to the sharer alone, and every page reads the share apart', () => {
    const share = scenario('screenShare: { participant: bench2, fps: 3 }');
    expect(participantPatterns(share, janusVideoroomAdapter, 1, 0).screenDocument).toEqual({ width: 1280, height: 720, fps: 3, changeEveryS: 5 });
    expect(participantPatterns(share, janusVideoroomAdapter, 0, 0).screenDocument).toBeUndefined();
    expect(participantPatterns(share, janusVideoroomAdapter, 3, 0).mediaSources).toBeDefined();
    expect(trialMedia(share, 'generated', 'device').speaking).toBeUndefined();
  });
});
