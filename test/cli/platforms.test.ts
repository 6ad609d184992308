/** `meetbench platforms`: every registered adapter, its capabilities and options, from the real CLI. */
import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../harness/adapters/registry.ts';
import { runCli } from '../helpers/run-cli.ts';

describe('meetbench platforms', () => {
  it('lists every registered adapter with its capabilities, a room size as a number', async () => {
    const result = await runCli(['platforms']);
    expect(result.code, result.stderr).toBe(0);
    for (const id of Object.keys(ADAPTERS)) expect(result.stdout).toMatch(new RegExp(`^${id} — `, 'm'));
    expect(result.stdout).toMatch(
      /^janus-videocall — [^\n]+\n[^\n]+\n {2}capabilities {2}send:yes {2}receiveOnly:no {2}rooms:yes {2}screenShare:no {2}lab:yes {2}roomSize:2$/m,
    );
  });

  it('gives one adapter as JSON: capabilities and the options of its schema, with defaults', async () => {
    const result = await runCli(['platforms', 'janus-videocall', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const [adapter] = JSON.parse(result.stdout) as Array<{
      id: string;
      capabilities: Record<string, unknown>;
      options: Array<{ name: string; default?: unknown }>;
    }>;
    expect(adapter!.id).toBe('janus-videocall');
    expect(adapter!.capabilities).toMatchObject({ receiveOnly: false, roomSize: 2 });
    expect(adapter!.options.map((o) => [o.name, o.default])).toEqual([
      ['page', 'videocalltest.html'],
      ['server', undefined],
    ]);
  });

  it('refuses an unknown adapter with the known ones, exit 2, no stack', async () => {
    const result = await runCli(['platforms', 'nope']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown adapter "nope"');
    expect(result.stderr).toContain('janus-videocall');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
