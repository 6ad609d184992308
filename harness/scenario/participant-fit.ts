/**
 * What a scenario asks of its participants beyond joining, checked when it is loaded: the devices it
 * names exist and fit the browsers they run in, and the platform can share the screen it asks for.
 */
import { ADAPTERS } from '../adapters/registry.ts';
import { assignDevices, cpuSlowdowns, deviceProblems } from '../devices/participant-devices.ts';
import type { InputProblem } from '../../results/input-error.ts';
import type { Scenario } from './scenario-schema.ts';

/**
 * A screen share on a platform whose adapter does not know how to share would be a trial measuring no
 * share at all: refused, with the adapters that can.
 */
export function screenShareProblems(scenario: Scenario): { index: number; message: string }[] {
  if (!scenario.screenShare) return [];
  const able = Object.values(ADAPTERS)
    .filter((a) => a.screenShare)
    .map((a) => a.id);
  return scenario.platforms.flatMap((platform, index) => {
    const adapter = ADAPTERS[platform.adapter];
    if (!adapter) return [];
    const why = adapter.screenShare ? (adapter.screenShare.unsupported?.(platform.options) ?? null) : "its adapter does not know the platform's share control";
    if (why === null) return [];
    return [
      {
        index,
        message: `screenShare asks ${scenario.screenShare!.participant} to share a screen but platform "${platform.id}" (adapter ${adapter.id}) cannot: ${why}; expected an adapter that can (${able.join(', ')})`,
      },
    ];
  });
}

/**
 * Device names resolved against the catalogue and the scenario's own profiles; and one CPU speed per
 * shared renderer: pages of one profile (`isolation: page`) on one site share a renderer process, whose
 * main thread has one throttling rate, so their devices cannot differ in CPU.
 */
export function scenarioDeviceProblems(scenario: Scenario): InputProblem[] {
  const { groups, count } = scenario.participants;
  const problems: InputProblem[] = deviceProblems(groups, scenario.deviceProfiles).map((p) => ({ ...p, line: null }));
  if (problems.length > 0 || scenario.runner.isolation !== 'page') return problems;
  const rates = cpuSlowdowns(assignDevices(groups, count, scenario.deviceProfiles));
  if (rates.length > 1) {
    problems.push({
      path: 'runner.isolation',
      line: null,
      message: `isolation: page puts participants of one site in one renderer process, whose main thread has one CPU slow-down, but the groups' devices ask for ${rates.map((r) => `${r}x`).join(' and ')}; expected isolation: context (a renderer process each)`,
    });
  }
  return problems;
}
