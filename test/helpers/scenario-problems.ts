/** The problem lines (`file:line: path: message`) a scenario text is refused with; [] when it loads. */
import { loadScenario } from '../../harness/scenario/load-scenario.ts';
import { InputError } from '../../results/input-error.ts';

export function scenarioProblems(text: string, file = 's.yaml'): string[] {
  try {
    loadScenario(file, text);
  } catch (error) {
    if (error instanceof InputError) return error.lines();
    throw error;
  }
  return [];
}
