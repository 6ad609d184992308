/**
 * `meetbench platforms`: the adapters, their capabilities and the options each takes, derived from the
 * adapters' zod schemas (z.toJSONSchema), so the list can never drift from what `validate` accepts.
 * `--json` prints the same as JSON; `meetbench platforms ID` shows one adapter.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { EXIT_CODES } from '../../../results/errors.ts';
import { ADAPTERS } from '../../adapters/registry.ts';
import type { PlatformAdapter } from '../../adapters/platform-adapter.ts';
import { HarnessError } from '../../errors.ts';
import { out } from '../output.ts';
import type { RegisterCommand } from '../register-command.ts';

interface JsonSchema {
  type?: string | string[];
  description?: string;
  default?: unknown;
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
}

export interface OptionDoc {
  name: string;
  type: string;
  required: boolean;
  default?: unknown;
  description: string;
}

function typeOf(schema: JsonSchema): string {
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' | ');
  if (schema.type === 'array') return schema.items ? (schema.items.anyOf ? `(${typeOf(schema.items)})[]` : `${typeOf(schema.items)}[]`) : 'array';
  if (schema.type === 'object' && schema.additionalProperties && typeof schema.additionalProperties === 'object')
    return `map of ${typeOf(schema.additionalProperties)}`;
  if (schema.type === 'object' && schema.properties) return `{ ${Object.keys(schema.properties).join(', ')} }`;
  return Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any');
}

/** One entry per option (nested objects flattened as parent.child), from the schema as the input side sees it. */
export function describeOptions(adapter: PlatformAdapter): OptionDoc[] {
  const schema = z.toJSONSchema(adapter.optionsSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const docs: OptionDoc[] = [];
  const walk = (node: JsonSchema, prefix: string): void => {
    for (const [name, prop] of Object.entries(node.properties ?? {})) {
      const full = `${prefix}${name}`;
      docs.push({
        name: full,
        type: typeOf(prop),
        required: (node.required ?? []).includes(name) && prop.default === undefined,
        ...(prop.default !== undefined ? { default: prop.default } : {}),
        description: prop.description ?? '',
      });
      if (prop.type === 'object' && prop.properties && Object.keys(prop.properties).length <= 12) walk(prop, `${full}.`);
    }
  };
  walk(schema, '');
  return docs;
}

export function platformsReport(adapters: PlatformAdapter[]): Array<Record<string, unknown>> {
  return adapters.map((a) => ({
    id: a.id,
    title: a.title,
    description: a.description,
    capabilities: a.capabilities,
    excludesPeerConnections: a.excludePeerConnection !== undefined,
    options: describeOptions(a),
  }));
}

function formatText(adapters: PlatformAdapter[]): string[] {
  const lines: string[] = [];
  for (const a of adapters) {
    const caps = Object.entries(a.capabilities)
      // flags read yes/no; a number (roomSize: participants per room) reads as itself
      .map(([k, v]) => `${k}:${typeof v === 'number' ? v : v ? 'yes' : 'no'}`)
      .join('  ');
    lines.push(`${a.id} — ${a.title}`, `  ${a.description}`, `  capabilities  ${caps}`, '  options');
    for (const o of describeOptions(a)) {
      const flags = [o.required ? 'required' : null, o.default !== undefined ? `default ${JSON.stringify(o.default)}` : null].filter(Boolean).join(', ');
      lines.push(`    ${o.name}: ${o.type}${flags ? ` (${flags})` : ''}`);
      if (o.description) lines.push(`        ${o.description}`);
    }
    lines.push('');
  }
  return lines;
}

export const registerPlatforms: RegisterCommand = (program: Command, setExit) => {
  program
    .command('platforms')
    .description('list the platform adapters, their capabilities and the options each takes')
    .argument('[id]', 'show one adapter')
    .option('--json', 'print JSON')
    .action((id: string | undefined, opts: { json?: boolean }) => {
      let adapters = Object.values(ADAPTERS);
      if (id) {
        const one = ADAPTERS[id];
        if (!one) throw new HarnessError('INVALID_INPUT', `unknown adapter "${id}"`, { hint: `known: ${Object.keys(ADAPTERS).join(', ')}` });
        adapters = [one];
      }
      if (opts.json) out(JSON.stringify(platformsReport(adapters), null, 2));
      else for (const line of formatText(adapters)) out(line);
      setExit(EXIT_CODES.passed);
    });
};
