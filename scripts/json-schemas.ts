/**
 * The JSON Schemas editors use for meetbench's YAML files, generated from the zod schemas that meetbench
 * itself validates with (one source of truth). `npm run schemas` writes them; the unit test
 * test/unit/scripts/json-schemas.test.ts fails when a committed file is out of date.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { criteriaFileSchema } from '../results/criteria/criteria-schema.ts';
import { METRIC_IDS } from '../results/metrics.ts';
import { scenarioSchema } from '../harness/scenario/scenario-schema.ts';
import { suiteSchema } from '../harness/scenario/suite-schema.ts';

// io: 'input' describes what users write (defaults make fields optional), not what the loader returns
const toJson = (title: string, schema: z.ZodType): Record<string, unknown> => ({
  title,
  ...(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>),
});

function criteriaJsonSchema(): Record<string, unknown> {
  const schema = toJson('meetbench criteria file', criteriaFileSchema);
  const measured = (schema.properties as Record<string, { items?: { properties?: Record<string, Record<string, unknown>> } }>).measured;
  // the metric list lives in the catalogue; the editor offers it as a list
  const metric = measured?.items?.properties?.metric;
  if (metric) metric.enum = [...METRIC_IDS];
  return schema;
}

const target = (name: string): string => fileURLToPath(new URL(`../scenarios/${name}`, import.meta.url));

/** file → its text, as it must be committed */
export function jsonSchemaFiles(): Record<string, string> {
  const files: Record<string, Record<string, unknown>> = {
    [target('scenario.schema.json')]: toJson('meetbench scenario file', scenarioSchema),
    [target('suite.schema.json')]: toJson('meetbench suite file', suiteSchema),
    [target('criteria.schema.json')]: criteriaJsonSchema(),
  };
  return Object.fromEntries(Object.entries(files).map(([file, schema]) => [file, `${JSON.stringify(schema, null, 2)}\n`]));
}
