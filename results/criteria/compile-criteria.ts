/**
 * A validated criteria file with its defaults resolved and its thresholds parsed once, ready to judge.
 */
import type { AcrossRepeats, Bilingual, CriteriaFile, DeclaredCriterion, Level, MeasuredCriterion, NoDataPolicy } from './criteria-schema.ts';
import { parseThreshold, type Threshold } from './threshold-parser.ts';

export interface CompiledMeasured extends MeasuredCriterion {
  level: Level;
  acrossRepeats: AcrossRepeats;
  noData: NoDataPolicy;
  weight: number;
  parsed: Threshold;
}

export interface CompiledDeclared extends DeclaredCriterion {
  level: Level;
  weight: number;
}

export interface CompiledCriteria {
  measured: CompiledMeasured[];
  declared: CompiledDeclared[];
  /** display names by platform id */
  names: Record<string, string>;
}

export function compileCriteria(file: CriteriaFile, extraDeclared: DeclaredCriterion[] = []): CompiledCriteria {
  const defaults = file.defaults ?? {};
  return {
    measured: file.measured.map((c) => ({
      ...c,
      level: c.level ?? defaults.level ?? 'error',
      acrossRepeats: c.acrossRepeats ?? defaults.acrossRepeats ?? 'median',
      noData: c.noData ?? defaults.noData ?? 'fail',
      weight: c.weight ?? 1,
      // the schema already refused an invalid threshold, so this cannot throw for a loaded file
      parsed: parseThreshold(c.threshold),
    })),
    declared: [...file.declared, ...extraDeclared].map((c) => ({ ...c, level: c.level ?? defaults.level ?? 'error', weight: c.weight ?? 1 })),
    names: Object.fromEntries(Object.entries(file.platforms ?? {}).map(([id, p]) => [id, p.name])),
  };
}

export const pick = (text: Bilingual, lang: 'fr' | 'en'): string => text[lang];
