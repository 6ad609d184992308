/**
 * `meetbench report RUN|latest --format json|csv|junit|md|pdf`: export a stored run.
 * `json` prints the stored run record as is: that is the contract of docs/architecture.md, never reshaped.
 * The other formats show scorecards: with `--criteria FILE` the run is judged again with that file,
 * otherwise the scorecards are rebuilt from the criteria results stored in the run.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { loadCriteriaFile } from '../../../results/criteria/load-criteria.ts';
import type { CriteriaFile } from '../../../results/criteria/criteria-schema.ts';
import { toCsv, type CsvDialect } from '../../../results/export/to-csv.ts';
import { toJunit } from '../../../results/export/to-junit.ts';
import { toMarkdown } from '../../../results/export/to-markdown.ts';
import { type RunRecord } from '../../../results/run-record.ts';
import { EXIT_CODES } from '../../../results/errors.ts';
import { scorecardsFromStored, scoreStoredRun } from '../../../results/scorecard/score-stored-run.ts';
import type { Lang, ScoreResult } from '../../../results/scorecard/scorecard-types.ts';
import { openStore } from '../../../results/store/open-store.ts';
import { STORE_FILE } from '../../../results/store/lowdb-store.ts';
import type { ResultsStore } from '../../../results/store/results-store.ts';
import { HarnessError } from '../../errors.ts';
import { resolveDataDir } from '../data-dir.ts';
import { printable } from '../../../results/printable.ts';
import { checkOutputFile, writeOutputFile } from '../write-output.ts';
import { warnSkippedRuns } from '../skipped-runs.ts';
import { info, out } from '../output.ts';
import type { RegisterCommand } from '../register-command.ts';
import { getStoredRun, parseLang } from './score.ts';

export interface ReportContext {
  store: ResultsStore;
  /** the run as stored */
  run: RunRecord;
  /** scorecards, computed on first use (json does not need them) */
  scored: () => Promise<ScoreResult>;
  /** the --criteria file, when given */
  criteria?: { file: CriteriaFile; label: string };
  lang: Lang;
  csvDialect: CsvDialect;
}

/** a renderer returns text (printed or written) or bytes (written to --output only) */
export type ReportRenderer = (ctx: ReportContext) => Promise<string | Uint8Array>;

export const REPORT_FORMATS: Record<string, ReportRenderer> = {
  json: async ({ run }) => `${JSON.stringify(run, null, 2)}\n`,
  csv: async (ctx) => toCsv(ctx.run.id, (await ctx.scored()).scorecards, ctx.csvDialect),
  junit: async (ctx) => {
    const { run, scorecards } = await ctx.scored();
    return toJunit(run, scorecards);
  },
  md: async (ctx) => {
    const { run, scorecards } = await ctx.scored();
    return toMarkdown(run, scorecards, ctx.lang);
  },
  // loaded on demand: Chromium and the viewer are only needed for the PDF
  pdf: async (ctx) =>
    (await import('../../report-pdf.ts')).renderScorecardPdf({
      store: ctx.store,
      run: ctx.run.id,
      lang: ctx.lang,
      ...(ctx.criteria ? { criteria: ctx.criteria } : {}),
    }),
};

/** formats whose output is bytes: refused without --output before anything is rendered */
export const BINARY_FORMATS = new Set(['pdf']);

export const registerReport: RegisterCommand = (program: Command, setExit) => {
  program
    .command('report')
    .description('export a run: json (the stored record), csv, junit, md, pdf')
    .argument('<run>', 'run id, or latest')
    .requiredOption('--format <format>', `one of ${Object.keys(REPORT_FORMATS).join(', ')}`)
    .option('--criteria <file>', 'judge the run again with this criteria file (csv, junit, md, pdf)')
    .option('--lang <lang>', 'fr or en for md and pdf (default en, or MEETBENCH_LANG)')
    .option('--csv-dialect <dialect>', 'fr: ";" and decimal comma with a BOM, for spreadsheets (default); en: "," and decimal point', 'fr')
    .option('-o, --output <file>', 'write to this file instead of standard output')
    .action(async (id: string, opts: { format: string; criteria?: string; lang?: string; csvDialect: string; output?: string }) => {
      const render = REPORT_FORMATS[opts.format];
      if (!render) throw new HarnessError('INVALID_FLAG', `--format ${opts.format}: expected one of ${Object.keys(REPORT_FORMATS).join(', ')}`);
      if (BINARY_FORMATS.has(opts.format) && !opts.output) throw new HarnessError('INVALID_FLAG', `--format ${opts.format} is binary: pass --output FILE`);
      if (opts.csvDialect !== 'fr' && opts.csvDialect !== 'en') throw new HarnessError('INVALID_FLAG', `--csv-dialect ${opts.csvDialect}: expected fr or en`);
      const lang = parseLang(opts.lang);
      const criteria = opts.criteria ? loadCriteriaFile(path.resolve(opts.criteria)) : undefined;
      const store = await openStore(resolveDataDir(program.opts().dataDir));
      await warnSkippedRuns(store);
      const run = await getStoredRun(store, id);
      const keep = [{ file: path.join(store.dataDir, STORE_FILE), is: 'the results store' }];
      if (opts.output) checkOutputFile(opts.output, keep);
      let scored: ScoreResult | undefined;
      const ctx: ReportContext = {
        store,
        run,
        lang,
        csvDialect: opts.csvDialect,
        ...(criteria && opts.criteria ? { criteria: { file: criteria, label: opts.criteria } } : {}),
        scored: async () => (scored ??= criteria ? await scoreStoredRun(store, run, criteria) : scorecardsFromStored(run)),
      };
      const output = await render(ctx);
      if (opts.output) {
        writeOutputFile(opts.output, output, keep);
        info(`${opts.format} report of run ${run.id} written to ${opts.output}`);
      } else if (typeof output === 'string') {
        // on a terminal, stored names are shown, not obeyed; into a pipe or a file the report stays as it is
        process.stdout.write(process.stdout.isTTY ? printable(output) : output);
      } else {
        throw new HarnessError('INVALID_FLAG', `--format ${opts.format} is binary: pass --output FILE`);
      }
      if (!opts.output && typeof output === 'string' && !output.endsWith('\n')) out();
      setExit(EXIT_CODES.passed);
    });
};
