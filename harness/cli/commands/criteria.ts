/**
 * `meetbench criteria parse 'EXPR' [--metric ID] [--json]`: parse one threshold expression the way a
 * criteria file is parsed. Prints `{aggregation, percentile?, operator, value}`, or exits 2 with the
 * reason and a caret under the place at fault.
 */
import type { Command } from 'commander';
import { thresholdMisfit } from '../../../results/criteria/threshold-fit.ts';
import { formatThreshold, parseThreshold, ThresholdSyntaxError, type Threshold } from '../../../results/criteria/threshold-parser.ts';
import { EXIT_CODES } from '../../../results/errors.ts';
import { HarnessError } from '../../errors.ts';
import { out } from '../output.ts';
import type { RegisterCommand } from '../register-command.ts';

export function parseOrExplain(expression: string, metric: string | undefined): Threshold {
  let threshold: Threshold;
  try {
    threshold = parseThreshold(expression);
  } catch (error) {
    if (!(error instanceof ThresholdSyntaxError)) throw error;
    throw new HarnessError('INVALID_INPUT', `invalid threshold: ${error.message}`, {
      details: [expression, `${' '.repeat(error.position)}^`],
      hint: 'a threshold is `aggregation operator number`, e.g. "p(95) < 5000", "avg <= 1500", "rate >= 0.99" (docs/criteria.md)',
    });
  }
  const misfit = metric === undefined ? null : thresholdMisfit(metric, threshold);
  if (misfit) throw new HarnessError('INVALID_INPUT', `invalid threshold for --metric ${metric}: ${misfit}`);
  return threshold;
}

export const registerCriteria: RegisterCommand = (program: Command, setExit) => {
  const criteria = program.command('criteria').description('work with adoption criteria (threshold expressions in k6 syntax)');
  criteria
    .command('parse')
    .description('parse one threshold expression; print {aggregation, percentile?, operator, value} or exit 2 with the reason')
    .argument('<expression>', 'e.g. "p(95) < 5000"')
    .option('--metric <id>', 'also check that the aggregation fits this metric of the catalogue')
    .option('--json', 'print JSON')
    .action((expression: string, opts: { metric?: string; json?: boolean }) => {
      const threshold = parseOrExplain(expression, opts.metric);
      // fixed key order, percentile only for p(N): the documented output
      const shown = {
        aggregation: threshold.aggregation,
        ...(threshold.percentile !== undefined ? { percentile: threshold.percentile } : {}),
        operator: threshold.operator,
        value: threshold.value,
      };
      out(opts.json ? JSON.stringify(shown) : `${formatThreshold(threshold)}${opts.metric ? ` (fits ${opts.metric})` : ''}`);
      setExit(EXIT_CODES.passed);
    });
};
