/**
 * A suite's overrides reach every scenario exactly as the night will run them: platforms, `only`,
 * networks, repeats, and acceptPartialShaping (so a DSI on a kernel without netem can run its VPN
 * profile from the suite without editing every scenario file).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSuite } from '../../../../harness/scenario/load-suite.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'mb-suite-overrides-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  path.join(dir, 'scenario.yaml'),
  `name: small
platforms:
  - { id: janus, adapter: janus-videoroom, url: "lab:janus" }
  - { id: other, adapter: janus-videoroom, url: "lab:janus" }
participants: { count: 2 }
networks: [lan]
acceptPartialShaping: false
`,
);

function suite(extra: string): string {
  const file = path.join(dir, `suite-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, `name: night\nscenarios: [scenario.yaml]\n${extra}`);
  return file;
}

describe('suite overrides', () => {
  it("keeps the scenario's own settings when the suite says nothing, except repeats (default 3)", () => {
    const [loaded] = loadSuite(suite('')).scenarios;
    expect(loaded?.scenario.networks).toEqual(['lan']);
    expect(loaded?.scenario.acceptPartialShaping).toBe(false);
    expect(loaded?.scenario.repeats).toBe(3);
    expect(loaded?.scenario.platforms.map((p) => p.id)).toEqual(['janus', 'other']);
  });

  it('replaces networks, repeats, acceptPartialShaping and filters platforms with only', () => {
    const [loaded] = loadSuite(suite('networks: [lan, vpn]\nrepeats: 2\nacceptPartialShaping: true\nonly: [other]\n')).scenarios;
    expect(loaded?.scenario.networks).toEqual(['lan', 'vpn']);
    expect(loaded?.scenario.repeats).toBe(2);
    expect(loaded?.scenario.acceptPartialShaping).toBe(true);
    expect(loaded?.scenario.platforms.map((p) => p.id)).toEqual(['other']);
  });

  it('refuses a suite whose platforms cannot join receive-only for a scenario that has receivers', () => {
    writeFileSync(
      path.join(dir, 'audience.yaml'),
      'name: audience\nplatforms:\n  - { id: janus, adapter: janus-videoroom, url: "lab:janus" }\nparticipants: { count: 3, receivers: 1 }\n',
    );
    const file = path.join(dir, 'suite-audience.yaml');
    writeFileSync(
      file,
      `name: night\nscenarios: [audience.yaml]\nplatforms:\n  - { id: intranet, adapter: custom, url: "https://visio.example.org", options: { steps: [{ goto: "{base}" }], joined: { selector: "#in" } } }\n`,
    );
    expect(() => loadSuite(file)).toThrowError(
      expect.objectContaining({
        message: expect.stringMatching(
          /scenarios\[0\]: audience\.yaml: participants\.receivers is 1 but platform "intranet" \(adapter custom\) cannot join receive-only/,
        ),
      }),
    );
  });

  it('refuses a non-boolean acceptPartialShaping with the file, line and path', () => {
    const file = suite('acceptPartialShaping: sometimes\n');
    expect(() => loadSuite(file)).toThrowError(expect.objectContaining({ message: expect.stringMatching(/suite-.*\.yaml:3.*acceptPartialShaping/s) }));
  });
});
