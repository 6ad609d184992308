import { describe, expect, it } from 'vitest';
import { parseCriteriaText } from '../../../../results/criteria/load-criteria.ts';
import { scoreRun } from '../../../../results/scorecard/score-run.ts';
import type { Sample } from '../../../../results/run-record.ts';
import { failedParticipant, participant, run, trial } from './run-factory.ts';

const criteria = parseCriteriaText(`
version: 1
platforms:
  galene: { name: Galène }
  janus: { name: Janus }
measured:
  - id: join-time
    metric: join_time_ms
    threshold: p(95) < 5000
    title: { fr: Connexion en moins de 5 s, en: Join under 5 s }
  - id: join-success
    metric: join_success
    threshold: rate >= 0.99
    title: { fr: Connexions réussies, en: Joins succeed }
  - id: uplink-vpn
    metric: uplink_kbps
    threshold: avg < 1500
    networks: [vpn]
    title: { fr: Débit montant VPN, en: Uplink through the VPN }
  - id: loss
    metric: packet_loss_pct
    threshold: max < 2
    level: warn
    title: { fr: Pertes, en: Packet loss }
declared:
  - id: licence
    weight: 2
    title: { fr: Licence libre, en: Open-source licence }
    values:
      galene: { value: true, source: https://galene.org }
      janus: { value: true, source: https://janus.conf.meetecho.com }
`);

const ok = (extra: Record<string, number> = {}) => [1, 2, 3].map((i) => participant(`p${i}`, { metrics: { packet_loss_pct: 0.5, ...extra } }));

describe('scoreRun', () => {
  it('passes a platform meeting every must-have, with the summary in both languages', () => {
    const result = scoreRun(run([trial({ platform: 'galene', participants: ok() })]), criteria);
    const card = result.scorecards[0]!;
    expect(card.verdict).toBe('passed');
    expect(card.score).toBe(100);
    expect(card.mustHaves).toEqual({ total: 3, met: 3 });
    expect(card.summary.en).toBe('Galène meets all 3 must-haves (score 100/100).');
    expect(card.summary.fr).toBe('Galène satisfait les 3 critères obligatoires (score 100/100).');
    expect(result.verdict).toBe('passed');
    expect(result.run.trials[0]!.criteria.map((c) => [c.id, c.outcome])).toEqual([
      ['join-time', 'pass'],
      ['join-success', 'pass'],
      ['loss', 'pass'],
    ]);
  });

  it('fails on an error-level criterion, names the network, and keeps warnings out of the verdict', () => {
    const heavy = [1, 2, 3].map((i) => participant(`p${i}`, { uplinkKbps: { avg: 1830, p95: 2000 }, metrics: { packet_loss_pct: 3 } }));
    const result = scoreRun(run([trial({ platform: 'janus', network: 'vpn', participants: heavy })]), criteria);
    const card = result.scorecards[0]!;
    expect(card.verdict).toBe('failed');
    expect(card.summary.en).toBe('Janus fails: uplink 1.83 Mbit/s, above 1.5 Mbit/s on the vpn profile.');
    expect(card.summary.fr).toBe('Janus échoue : débit montant 1,83 Mbit/s, au-dessus de 1,5 Mbit/s sur le profil vpn.');
    expect(result.run.trials[0]!.verdict).toBe('failed');
    // 3 + 3 (warn) + 2 (declared) ... loss (warn) failed too: only weight counts, not level
    expect(card.score).toBe(Math.round((1000 * 4) / 6) / 10);

    const onlyWarn = scoreRun(run([trial({ platform: 'janus', network: 'lan', participants: heavy })]), criteria);
    expect(onlyWarn.verdict).toBe('passed');
    expect(onlyWarn.scorecards[0]!.summary.en).toBe('Janus meets all 3 must-haves (score 80/100); to watch: packet loss 3 %, above 2 % on the lan profile.');
  });

  it('zero participants joined: join time has no data (fails), join success is 0, nothing is NaN', () => {
    const nobody = [failedParticipant('p1'), failedParticipant('p2')];
    const result = scoreRun(run([trial({ platform: 'galene', participants: nobody })]), criteria);
    const card = result.scorecards[0]!;
    expect(card.verdict).toBe('failed');
    const joinTime = card.rows.find((r) => r.criterionId === 'join-time')!;
    expect(joinTime).toMatchObject({ outcome: 'no-data', met: false, value: null });
    expect(result.run.trials[0]!.criteria.find((c) => c.id === 'join-time')?.reason).toBe('no participant measured join_time_ms (0 of 2 joined)');
    expect(card.rows.find((r) => r.criterionId === 'join-success')).toMatchObject({ outcome: 'fail', value: 0 });
    expect(card.summary.en).toBe('Galène fails: no join time measured on the lan profile; successful joins 0 %, below 99 % on the lan profile.');
    expect(JSON.stringify(result)).not.toMatch(/NaN|Infinity|null,"values":\[null/);
  });

  it('a metric the trial turned off says why it has no data, not that nobody measured it', () => {
    const concealment = parseCriteriaText(`
version: 1
measured:
  - id: clean-audio
    metric: audio_concealed_pct
    threshold: avg < 2
    title: { fr: Son net, en: Clean audio }
`);
    const off = { metric: 'audio_concealed_pct', why: 'remote audio is not played (runner.playAudio: false)' };
    const silent = scoreRun(run([trial({ participants: ok(), notMeasured: [off] })]), concealment);
    expect(silent.run.trials[0]!.criteria[0]).toMatchObject({
      outcome: 'no-data',
      reason: 'audio_concealed_pct is not measured in this trial: remote audio is not played (runner.playAudio: false)',
    });
    // the same trial without the setting: the plain reason
    const plain = scoreRun(run([trial({ participants: ok() })]), concealment);
    expect(plain.run.trials[0]!.criteria[0]!.reason).toBe('no participant measured audio_concealed_pct (3 of 3 joined)');
  });

  it('an empty trial (no participant at all) and an empty run give no NaN and a broken run', () => {
    const empty = scoreRun(run([trial({ participants: [] })]), criteria);
    expect(JSON.stringify(empty)).not.toMatch(/NaN|Infinity/);
    const none = scoreRun(run([]), criteria);
    expect(none.verdict).toBe('broken');
    expect(none.scorecards).toEqual([]);
  });

  it('one platform broken: it stays broken, the other is judged, the run is broken', () => {
    const result = scoreRun(
      run([
        trial({ platform: 'galene', participants: ok() }),
        trial({ platform: 'janus', verdict: 'broken', reason: 'lab: janus did not start', participants: [] }),
      ]),
      criteria,
    );
    const [galene, janus] = result.scorecards;
    expect(galene!.verdict).toBe('passed');
    expect(janus!.verdict).toBe('broken');
    expect(janus!.score).toBeNull();
    expect(janus!.summary.en).toBe('Janus could not be judged: 1 of 1 trial(s) broken (lab: janus did not start).');
    expect(result.run.trials[1]!.verdict).toBe('broken');
    expect(result.verdict).toBe('broken');
  });

  it('an inconclusive trial (saturated runner) stays inconclusive even when criteria pass', () => {
    const result = scoreRun(run([trial({ verdict: 'inconclusive', reason: 'runner CPU at 98 %', participants: ok() })]), criteria);
    expect(result.run.trials[0]!.verdict).toBe('inconclusive');
    expect(result.verdict).toBe('inconclusive');
    expect(result.scorecards[0]!.summary.en).toBe('Galène: inconclusive, the measurements cannot be trusted (runner CPU at 98 %).');
  });

  it('a metric with no data fails by default, passes or is skipped when the criterion says so', () => {
    const text = (noData: string) => `
version: 1
measured:
  - id: fps
    metric: fps_received
    threshold: avg > 20
    ${noData ? `noData: ${noData}` : ''}
    title: { fr: Fluidité, en: Smooth video }
`;
    const record = run([trial({ participants: ok() })]);
    const byDefault = scoreRun(record, parseCriteriaText(text('')));
    expect(byDefault.scorecards[0]!.rows[0]).toMatchObject({ outcome: 'no-data', met: false });
    expect(byDefault.verdict).toBe('failed');
    const pass = scoreRun(record, parseCriteriaText(text('pass')));
    expect(pass.scorecards[0]!.rows[0]).toMatchObject({ outcome: 'no-data', met: true });
    expect(pass.verdict).toBe('passed');
    const skip = scoreRun(record, parseCriteriaText(text('skip')));
    expect(skip.scorecards[0]!.rows[0]).toMatchObject({ outcome: 'no-data', met: null });
    expect(skip.scorecards[0]!.score).toBeNull();
    expect(skip.verdict).toBe('passed');
  });

  it('repeats that disagree: median, pessimistic and optimistic decide differently', () => {
    const repeats = [1200, 1600, 1700].map((uplink, i) =>
      trial({ platform: 'janus', network: 'vpn', repeat: i + 1, participants: [participant('p1', { uplinkKbps: { avg: uplink, p95: uplink } })] }),
    );
    const record = run(repeats);
    const withMode = (mode: string) =>
      parseCriteriaText(`
version: 1
measured:
  - id: uplink
    metric: uplink_kbps
    threshold: avg < 1500
    acrossRepeats: ${mode}
    title: { fr: Débit, en: Uplink }
`);
    const median = scoreRun(record, withMode('median')).scorecards[0]!.rows[0]!;
    expect(median).toMatchObject({ outcome: 'fail', value: 1600 });
    expect(median.repeats!.map((r) => r.value)).toEqual([1200, 1600, 1700]);
    expect(median.reason).toBe('repeats disagree: 2 of 3 fail, median taken');
    expect(scoreRun(record, withMode('pessimistic')).scorecards[0]!.rows[0]).toMatchObject({ outcome: 'fail', value: 1700 });
    expect(scoreRun(record, withMode('optimistic')).scorecards[0]!.rows[0]).toMatchObject({ outcome: 'pass', value: 1200 });
    // per trial, each repeat keeps its own judgement
    expect(scoreRun(record, withMode('optimistic')).run.trials.map((t) => t.verdict)).toEqual(['passed', 'failed', 'failed']);
    expect(scoreRun(record, withMode('optimistic')).verdict).toBe('passed');
  });

  it('pessimistic turns a repeat without data into no-data; median uses the others; broken repeats are left out', () => {
    const record = run([
      trial({ repeat: 1, participants: [participant('p1', { joinTimeMs: 1000 })] }),
      trial({ repeat: 2, participants: [failedParticipant('p1')] }),
      trial({ repeat: 3, verdict: 'broken', participants: [] }),
    ]);
    const withMode = (mode: string) =>
      parseCriteriaText(
        `version: 1\nmeasured:\n  - { id: jt, metric: join_time_ms, threshold: "p(95) < 5000", acrossRepeats: ${mode}, title: { fr: a, en: b } }\n`,
      );
    const median = scoreRun(record, withMode('median')).scorecards[0]!.rows[0]!;
    expect(median).toMatchObject({ outcome: 'pass', value: 1000 });
    expect(median.reason).toBe('1 broken repeat(s) left out; no value in repeat 2');
    expect(scoreRun(record, withMode('pessimistic')).scorecards[0]!.rows[0]).toMatchObject({ outcome: 'no-data', value: null });
  });

  it('participants share: each participant judged alone, those without data count as not passing', () => {
    const record = run([
      trial({
        participants: [
          participant('p1', { uplinkKbps: { avg: 900, p95: 900 } }),
          participant('p2', { uplinkKbps: { avg: 1000, p95: 1000 } }),
          participant('p3', { uplinkKbps: { avg: 2000, p95: 2000 } }),
          failedParticipant('p4'),
        ],
      }),
    ]);
    const c = (share: number) =>
      parseCriteriaText(
        `version: 1\nmeasured:\n  - { id: up, metric: uplink_kbps, threshold: "avg < 1500", participants: ${share}, title: { fr: a, en: b } }\n`,
      );
    const half = scoreRun(record, c(0.5)).run.trials[0]!.criteria[0]!;
    expect(half).toMatchObject({ outcome: 'pass', value: 0.5, values: [900, 1000, 2000] });
    expect(half.reason).toBe('2 of 4 participants pass (1 without data); 50 % needed');
    const strict = scoreRun(record, c(0.75)).scorecards[0]!;
    expect(strict.rows[0]).toMatchObject({ outcome: 'fail', value: 0.5 });
    expect(strict.summary.en).toBe('galene fails: uplink above 1.5 Mbit/s for 50 % of participants (25 % allowed) on the lan profile.');
    expect(strict.summary.fr).toBe('galene échoue : débit montant au-dessus de 1,5 Mbit/s pour 50 % des participants (25 % tolérés) sur le profil lan.');
  });

  it('a window judges per-second samples after the warm-up, and is an error without samples', () => {
    const samples: Sample[] = [];
    for (let t = 0; t < 20; t++) samples.push({ t: 1000 + t, participant: 'p1', uplinkKbps: t < 5 ? 3000 : 1000, downlinkKbps: null });
    const record = run([trial({ participants: [participant('p1', { uplinkKbps: { avg: 1500, p95: 3000 } })] })]);
    const c = parseCriteriaText(
      `version: 1\nmeasured:\n  - { id: up, metric: uplink_kbps, threshold: "max < 1200", window: { skipS: 5 }, title: { fr: a, en: b } }\n`,
    );
    const withSamples = scoreRun(record, c, [], { samples: () => samples });
    expect(withSamples.scorecards[0]!.rows[0]).toMatchObject({ outcome: 'pass', value: 1000 });
    const without = scoreRun(record, c);
    expect(without.run.trials[0]!.criteria[0]).toMatchObject({ outcome: 'error' });
    expect(without.run.trials[0]!.verdict).toBe('inconclusive');
    expect(without.verdict).toBe('inconclusive');
  });

  it('declared criteria: a missing value fails a must-have; partial gives half the weight', () => {
    const c = parseCriteriaText(`
version: 1
declared:
  - id: sso
    title: { fr: SSO/LDAP, en: SSO/LDAP }
    values:
      galene: { value: partial, source: "https://galene.org/galene-install.html", note: LDAP through a proxy }
  - id: e2ee
    level: warn
    title: { fr: Chiffrement de bout en bout, en: End-to-end encryption }
    values:
      galene: { value: true, source: docs }
`);
    const result = scoreRun(run([trial({ platform: 'galene' }), trial({ platform: 'janus' })]), c);
    const [galene, janus] = result.scorecards;
    expect(galene!.score).toBe(75);
    expect(galene!.verdict).toBe('failed');
    expect(galene!.summary.en).toBe('galene fails: SSO/LDAP: partial.');
    expect(janus!.rows.map((r) => r.outcome)).toEqual(['no-data', 'no-data']);
    expect(janus!.summary.fr).toBe('janus échoue : SSO/LDAP : non renseigné.');
    expect(janus!.score).toBe(0);
  });

  it('re-scoring is pure: the input run is not modified', () => {
    const record = run([trial({ participants: ok() })]);
    const before = JSON.stringify(record);
    scoreRun(record, criteria);
    expect(JSON.stringify(record)).toBe(before);
  });
});
