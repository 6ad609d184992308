/** What the pages and API say about the seeded year: scorecard, trends with the seeded regression, compare, /metrics. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, viewerFixture, type Fixture } from './viewer-fixture.ts';

let fx: Fixture;
beforeAll(async () => {
  fx = await viewerFixture({ days: 40 });
});
afterAll(async () => fx.close());

const json = async (p: string): Promise<any> => JSON.parse((await rawRequest(fx.server.url, p)).body); // eslint-disable-line @typescript-eslint/no-explicit-any

describe('viewer data', () => {
  it('the overview API gives the engine scorecard of the latest run for every seeded platform', async () => {
    const body = await json('/api/overview');
    expect(body.run.id).toBe('nightly-2026-11-28');
    const card = body.scorecard;
    expect(card.criteria).toEqual({ source: 'stored' });
    expect(card.platforms.map((p: { platform: string }) => p.platform).sort()).toEqual(['bigbluebutton', 'galene', 'janus', 'jitsi-meet', 'zimbra-connect']);
    // zimbra-connect had a participant fail to join in repeat 1 of the last night: join success fails
    const zimbra = card.platforms.find((p: { platform: string }) => p.platform === 'zimbra-connect');
    const joinSuccess = zimbra.cells.find((c: { criterionId: string }) => c.criterionId === 'join-success');
    expect(joinSuccess.outcome).toBe('fail');
    expect(zimbra.score).toBeLessThan(100);
    expect(zimbra.verdict).toBe('failed');
    // the summary sentence is the engine's, word for word
    const engine = body.scorecards.find((s: { platform: string }) => s.platform === 'zimbra-connect');
    expect(zimbra.summary).toEqual(engine.summary);
    expect(zimbra.summary.fr).toMatch(/échoue : connexions réussies/);
    expect(zimbra.summary.en).toMatch(/fails: successful joins/);
    // criteria rebuilt from the stored run carry ids as titles: the viewer names the metric instead
    const column = card.columns.find((c: { criterionId: string }) => c.criterionId === 'join-time');
    expect(column.title.en).toBe('Join time');
    expect(card.columns.every((c: { kind: string }) => c.kind === 'measured')).toBe(true);
  });

  it('trends mark the seeded two-week join-time regression of jitsi-meet', async () => {
    const trends = await json('/api/platforms/jitsi-meet/trends');
    expect(trends.thresholds.join_time_ms.value).toBe(5000);
    const joins = trends.regressions.filter((r: { metric: string }) => r.metric === 'join_time_ms');
    expect(joins.length).toBeGreaterThanOrEqual(1);
    // day 22 of 40 (55 %) is the first night of the regression
    expect(joins.some((r: { runId: string }) => r.runId === 'nightly-2026-11-11')).toBe(true);
  });

  it('compare finds the join-time difference between galene and bigbluebutton significant', async () => {
    const view = await json('/api/compare?a=galene&b=bigbluebutton');
    const join = view.rows.find((r: { metric: string }) => r.metric === 'join_time_ms');
    expect(join.a.n).toBeGreaterThanOrEqual(20);
    expect(join.significant).toBe(true);
    expect(join.diffPct).toBeGreaterThan(100);
  });

  it('/metrics is Prometheus text format with scores of the latest run', async () => {
    const res = await rawRequest(fx.server.url, '/metrics');
    expect(res.headers['content-type']).toContain('text/plain; version=0.0.4');
    const lines = res.body.trim().split('\n');
    for (const line of lines) expect(line).toMatch(/^(# (HELP|TYPE) [a-z_]+ .+|[a-z_]+(\{([a-z_]+="(?:[^"\\]|\\.)*",?)*\})? -?[\d.e+-]+)$/);
    expect(res.body).toMatch(/meetbench_score\{platform="janus"\} \d+/);
    expect(res.body).toMatch(
      /meetbench_criterion_passed\{platform="zimbra-connect",criterion="join-success",kind="measured",metric="join_success",network="lan"\} 0/,
    );
  });

  it('the run page shows the bandwidth planning projected from the run (results/planning)', async () => {
    const plan = await json('/api/runs/nightly-2026-11-28/planning');
    expect(plan.measured.map((m: { k: number }) => m.k)).toEqual([4]);
    const tenOfFour = plan.plans.find((p: { request: { meetings: number; size: number } }) => p.request.meetings === 10 && p.request.size === 4);
    expect(tenOfFour.participants).toBe(40);
    expect(tenOfFour.site.downlinkMbps).toBeGreaterThan(tenOfFour.site.uplinkMbps);
    const page = (await rawRequest(fx.server.url, '/runs/nightly-2026-11-28?lang=en')).body;
    expect(page).toContain('Bandwidth planning');
    expect(page).toContain('10 × 4');
    expect(page).toContain(`${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(tenOfFour.site.downlinkMbps)} Mbit/s`);
  });

  it('the run page names the busiest browser thread beside the runner CPU', async () => {
    const page = (await rawRequest(fx.server.url, '/runs/nightly-2026-11-28?lang=en')).body;
    expect(page).toMatch(/busiest browser thread <strong>AudioService AudioProcessing<\/strong> \d+ % of a core/);
  });

  it('serves the raw samples as NDJSON for download', async () => {
    const res = await rawRequest(fx.server.url, '/api/runs/nightly-2026-11-28/trials/janus-lan-r1/samples.ndjson');
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const lines = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.length).toBe(4 * 60);
    expect(lines[0]).toHaveProperty('uplinkKbps');
  });
});
