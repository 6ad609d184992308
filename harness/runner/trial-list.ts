/**
 * The trials of a scenario, in the order they run: each network profile, each repeat, each platform. The
 * same list names the trials of `run` and `nightly` (inside a night, ids carry the scenario's name, since
 * one run holds several scenarios) and the broken trials of a scenario that could not run at all.
 */
import type { PlannedTrial } from '../../results/summary/broken-trial.ts';
import type { Scenario } from '../scenario/scenario-schema.ts';

export function planTrials(scenario: Scenario, options: { inSuite: boolean }): PlannedTrial[] {
  const trials: PlannedTrial[] = [];
  for (const network of scenario.networks) {
    for (let repeat = 1; repeat <= scenario.repeats; repeat += 1) {
      for (const platform of scenario.platforms) {
        const id = `${options.inSuite ? `${scenario.name}-` : ''}${platform.id}-${network}-r${repeat}`.replace(/[^A-Za-z0-9._-]/g, '_');
        trials.push({ id, platform: platform.id, adapter: platform.adapter, scenario: scenario.name, network, repeat });
      }
    }
  }
  return trials;
}
