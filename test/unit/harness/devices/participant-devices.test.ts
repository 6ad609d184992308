import { describe, expect, it } from 'vitest';
import { assignDevices, cpuSlowdowns, deviceProblems } from '../../../../harness/devices/participant-devices.ts';
import { scenarioProblems } from '../../../helpers/scenario-problems.ts';

describe('assignDevices', () => {
  it('gives each participant its group device, in group order, and null outside groups', () => {
    const devices = assignDevices([{ count: 1 }, { count: 2, device: 'android-tablet' }], 4, {});
    expect(devices.map((d) => d?.name ?? null)).toEqual([null, 'android-tablet', 'android-tablet', null]);
    expect(cpuSlowdowns(devices)).toEqual([1, 4]);
  });

  it('names a group profile of its own after its base', () => {
    const [device] = assignDevices([{ count: 1, device: { base: 'low-end-phone', cpuSlowdown: 3 } }], 1, {});
    expect(device?.name).toBe('low-end-phone-custom');
    expect(device?.profile.cpuSlowdown).toBe(3);
  });

  it('lists every device problem by path', () => {
    const problems = deviceProblems(
      [
        { count: 1, device: 'tablette' },
        { count: 1, device: { base: 'ipad' } },
      ],
      { mine: { base: 'nothing' } },
    );
    expect(problems.map((p) => p.path)).toEqual(['deviceProfiles.mine.base', 'participants.groups[0].device', 'participants.groups[1].device.base']);
  });
});

const scenario = (groups: string, extra = ''): string => `name: devices
platforms:
  - { id: janus, adapter: janus-videoroom, url: "lab:janus", options: { server: "ws://{host}:8188/" } }
participants:
  count: 2
  groups:
${groups}
${extra}`;

const problems = (text: string): string[] => scenarioProblems(text);

describe('a scenario with devices', () => {
  it('loads catalogue names and its own profiles', () => {
    expect(
      problems(
        scenario(
          '    - { count: 1, device: desktop }\n    - { count: 1, device: slow-tablet }',
          'deviceProfiles:\n  slow-tablet: { base: android-tablet, cpuSlowdown: 6 }\n',
        ),
      ),
    ).toEqual([]);
  });

  it('refuses an unknown device name with file, line and path', () => {
    expect(problems(scenario('    - { count: 1 }\n    - { count: 1, device: galaxy-tab }'))).toEqual([
      's.yaml:8: participants.groups[1].device: unknown device profile "galaxy-tab"; expected one of desktop, android-tablet, ipad-class, low-end-phone (scenarios/devices.yaml, or define it under deviceProfiles: in the scenario)',
    ]);
  });

  it('refuses a CPU factor below 1 with file, line and path, inline or in deviceProfiles', () => {
    const lines = problems(
      scenario(
        '    - { count: 1, device: { base: android-tablet, cpuSlowdown: 0.5 } }\n    - { count: 1, device: fast }',
        'deviceProfiles:\n  fast:\n    base: desktop\n    cpuSlowdown: 0\n',
      ),
    );
    expect(lines).toEqual([
      expect.stringMatching(/^s\.yaml:7: participants\.groups\[0\]\.device\.cpuSlowdown: a CPU slow-down factor is 1 \(full speed\) or more/),
      expect.stringMatching(/^s\.yaml:12: deviceProfiles\.fast\.cpuSlowdown: a CPU slow-down factor is 1/),
    ]);
  });

  it('refuses devices of different CPU speeds as pages sharing one renderer', () => {
    const lines = problems(
      scenario('    - { count: 1, device: desktop }\n    - { count: 1, device: android-tablet }', 'runner: { browser: shared, isolation: page }\n'),
    );
    expect(lines).toEqual([expect.stringMatching(/^s\.yaml:9: runner\.isolation: .*1x and 4x; expected isolation: context/)]);
  });
});
