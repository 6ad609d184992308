import { describe, expect, it } from 'vitest';
import { parseCriteriaText } from '../../../../results/criteria/load-criteria.ts';
import { scenarioSchema } from '../../../../harness/scenario/scenario-schema.ts';
import { unmeasuredCriteriaNotes } from '../../../../harness/cli/unmeasured-criteria.ts';

const scenario = (playAudio: boolean) =>
  scenarioSchema.parse({
    name: 's',
    platforms: [{ id: 'janus', adapter: 'janus-videoroom', url: 'lab:janus' }],
    participants: { count: 2 },
    runner: { playAudio },
  });

const criteria = (noData = '') =>
  parseCriteriaText(`version: 1
measured:
  - id: clean-audio
    metric: audio_concealed_pct
    threshold: avg < 2
    title: { fr: "Son net", en: "Clean audio" }${noData}
  - id: fast-join
    metric: join_time_ms
    threshold: p(95) < 5000
    title: { fr: "Entrée rapide", en: "Fast join" }
`);

describe('criteria a scenario leaves without data', () => {
  it('names the concealment criterion, the setting and the outcome when remote audio is not played', () => {
    const notes = unmeasuredCriteriaNotes(scenario(false), criteria(), 'criteria.yaml');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('"clean-audio" (criteria.yaml) judges audio_concealed_pct');
    expect(notes[0]).toContain('remote audio is not played (runner.playAudio: false)');
    expect(notes[0]).toContain('fails with "no data"');
  });

  it('says a skipping criterion is skipped', () => {
    expect(unmeasuredCriteriaNotes(scenario(false), criteria('\n    noData: skip'), 'c.yaml')[0]).toContain('it is skipped');
  });

  it('says nothing when audio is played', () => {
    expect(unmeasuredCriteriaNotes(scenario(true), criteria(), 'criteria.yaml')).toEqual([]);
  });
});
