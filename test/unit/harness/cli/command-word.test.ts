import { describe, expect, it } from 'vitest';
import { COMMAND_LOADERS, commandWord } from '../../../../harness/cli/commands/index.ts';

describe('finding the command typed, to load only its module', () => {
  it('skips global options and the value of --data-dir', () => {
    expect(commandWord(['--data-dir', 'run', 'validate', 'x.yaml'])).toBe('validate');
    expect(commandWord(['report', 'latest', '--format', 'json'])).toBe('report');
    expect(commandWord(['--help'])).toBeUndefined();
  });

  it('knows a loader for every command, each registering the command of its name', { timeout: 60_000 }, async () => {
    for (const [name, load] of Object.entries(COMMAND_LOADERS)) {
      const register = await load();
      const names: string[] = [];
      register({ command: (n: string) => (names.push(n.split(' ')[0] ?? n), new Proxy({}, { get: (_t, _p, r) => () => r })) } as never, () => undefined);
      expect(names[0], `module of ${name}`).toBe(name);
    }
  });
});
