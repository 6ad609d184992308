/**
 * The viewer judges with the project's scorecard engine: with a criteria file (`serve --criteria`) the
 * declared criteria join the matrix with their values and sources, and an edited threshold re-judges
 * stored runs; a failed computation is not kept in the page cache.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criteriaFileSchema } from '../../../results/criteria/criteria-schema.ts';
import { SEED_CRITERIA } from '../../../results/seed/seed-criteria.ts';
import { SnapshotSource } from '../../../server/model/runs-snapshot.ts';
import { rawRequest, viewerFixture, type Fixture } from './viewer-fixture.ts';

let withFile: Fixture;
let strict: Fixture;

// the same criteria with a join-time threshold no seeded platform meets
const STRICT = criteriaFileSchema.parse({
  ...SEED_CRITERIA,
  measured: SEED_CRITERIA.measured.map((c) => (c.id === 'join-time' ? { ...c, threshold: 'p(95) < 500' } : c)),
});

beforeAll(async () => {
  withFile = await viewerFixture({ days: 2, criteria: { file: SEED_CRITERIA, label: 'seed-criteria.yaml' } });
  strict = await viewerFixture({ days: 2, criteria: { file: STRICT, label: 'strict.yaml' } });
});
afterAll(async () => {
  await withFile.close();
  await strict.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (fx: Fixture, p: string): Promise<any> => JSON.parse((await rawRequest(fx.server.url, p)).body);

describe('scorecards judged with a criteria file', () => {
  it('puts the declared criteria in the matrix with their values and sources', async () => {
    const { scorecard } = await json(withFile, '/api/overview');
    expect(scorecard.criteria).toEqual({ source: 'file', label: 'seed-criteria.yaml' });
    const declared = scorecard.columns.filter((c: { kind: string }) => c.kind === 'declared').map((c: { criterionId: string }) => c.criterionId);
    expect(declared).toEqual(['open-source-licence', 'self-hosting', 'sso-ldap', 'recording', 'mobile-apps']);
    const zimbra = scorecard.platforms.find((p: { platform: string }) => p.platform === 'zimbra-connect');
    expect(zimbra.name).toBe('Zimbra Connect');
    const licence = zimbra.cells.find((c: { criterionId: string }) => c.criterionId === 'open-source-licence');
    expect(licence.outcome).toBe('fail');
    expect(licence.source).toBe('Zimbra licence agreement');
    expect(licence.text.fr).toBe('non');
    const bbbMobile = scorecard.platforms
      .find((p: { platform: string }) => p.platform === 'bigbluebutton')
      .cells.find((c: { criterionId: string }) => c.criterionId === 'mobile-apps');
    expect(bbbMobile.outcome).toBe('partial');
    // a must-have declared "no" fails the platform, and the engine's sentence says why
    expect(zimbra.verdict).toBe('failed');
    expect(zimbra.summary.en).toContain('Open-source licence: no');
  });

  it('shows the declared values and their sources on the overview page, a http source as a link', async () => {
    const res = await rawRequest(withFile.server.url, '/?lang=en');
    expect(res.body).toContain('Declared (value and source)');
    expect(res.body).toContain('Sign-in through our LDAP directory');
    expect(res.body).toContain('href="https://github.com/jech/galene/blob/master/LICENCE"');
    expect(res.body).toContain('Judged again with the criteria file');
  });

  it('re-judges the stored runs when a threshold changes, without re-running anything', async () => {
    const loose = await json(withFile, '/api/runs/nightly-2026-11-28/scorecard');
    const tight = await json(strict, '/api/runs/nightly-2026-11-28/scorecard');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const cell = (body: any, platform: string) =>
      body.view.platforms.find((p: { platform: string }) => p.platform === platform).cells.find((c: { criterionId: string }) => c.criterionId === 'join-time');
    expect(cell(loose, 'galene').outcome).toBe('pass');
    expect(cell(tight, 'galene').outcome).toBe('fail');
    expect(tight.verdict).toBe('failed');
    // the run page's trial table shows the trials as judged with the file
    const page = await rawRequest(strict.server.url, '/runs/nightly-2026-11-28?trial=galene-lan-r1&lang=en');
    expect(page.body).toContain('p(95) &lt; 500');
  });
});

describe('the snapshot cache', () => {
  it('does not keep a failed computation: the next request computes again', async () => {
    const snapshot = await new SnapshotSource(withFile.store).get();
    let calls = 0;
    const failing = snapshot.memo('page', () => {
      calls++;
      return Promise.reject(new Error('render failed'));
    });
    await expect(failing).rejects.toThrow('render failed');
    await new Promise((resolve) => setImmediate(resolve));
    const second = await snapshot.memo('page', () => {
      calls++;
      return Promise.resolve('<html>');
    });
    expect(second).toBe('<html>');
    expect(calls).toBe(2);
    expect(() =>
      snapshot.memo('sync', () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(snapshot.memo('sync', () => 'ok')).toBe('ok');
  });
});
