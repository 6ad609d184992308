/**
 * The declarative recipe of the custom adapter: what a DSI writes in the scenario file to add a platform
 * without code. Templates: {base} (platform URL without trailing /), {origin}, {room}, {name}, {index},
 * {env:VAR} (read through ctx.secret, never printed: errors show the template, not the value).
 */
import { z } from 'zod';

const selector = z.string().min(1);
const stepName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case words joined by "-"')
  .optional()
  .describe('name used in errors (default: the action and its position)');

export const stepSchema = z.union([
  z.strictObject({ goto: z.string().min(1).describe('URL template'), name: stepName }),
  z.strictObject({
    fill: selector.describe('input to type into'),
    value: z.string().describe('text template, e.g. "{name}" or "{env:ROOM_PASSWORD}"'),
    name: stepName,
  }),
  z.strictObject({ click: selector.describe('element to click once visible and enabled'), name: stepName }),
  z.strictObject({ waitFor: selector.describe('element that must appear'), name: stepName }),
  z.strictObject({ waitForFunction: z.string().min(1).describe('JS expression that must become true'), name: stepName }),
  z.strictObject({
    dismiss: selector.describe('dialog button clicked if it shows up'),
    waitMs: z.number().int().min(0).max(60_000).default(2000),
    name: stepName,
  }),
  z.strictObject({ mark: z.enum(['uiReady', 'joinAction']).describe('record a join phase here') }),
]);
export type RecipeStep = z.output<typeof stepSchema>;

export const joinedSchema = z.union([
  z.strictObject({ selector: selector.describe('element present once joined') }),
  z.strictObject({ function: z.string().min(1).describe('JS expression true once joined') }),
]);

export const customOptionsSchema = z.strictObject({
  roomPrefix: z.string().default('').describe('prefix for numbered rooms in {room} (room 2 → <prefix>2)'),
  steps: z.array(stepSchema).min(1, 'a recipe needs at least one step').describe('join steps, run in order'),
  joined: joinedSchema.describe('the joined signal: a selector or a JS expression'),
  leave: z.array(stepSchema).default([]).describe('steps to leave the meeting (best effort)'),
});
export type CustomOptions = z.output<typeof customOptionsSchema>;

export interface TemplateValues {
  base: string;
  origin: string;
  room: string;
  name: string;
  index: number;
}

/** Fill a template; {env:VAR} goes through `secret` (and is never echoed). Unknown placeholders are an error. */
export function fillTemplate(template: string, values: TemplateValues, secret: (name: string) => string | undefined): string {
  return template.replace(/\{(env:[A-Z_][A-Z0-9_]*|base|origin|room|name|index)\}/g, (_m, key: string) => {
    if (key.startsWith('env:')) {
      const value = secret(key.slice(4));
      if (value === undefined) throw new Error(`environment variable ${key.slice(4)} is not set`);
      return value;
    }
    return String(values[key as keyof TemplateValues]);
  });
}

/** The action of a step and its target, for default step names and messages. */
export function describeStep(step: RecipeStep, position: number): { name: string; action: string } {
  const action = Object.keys(step).find((k) => k !== 'name' && k !== 'waitMs' && k !== 'value') ?? 'step';
  const name = 'name' in step && step.name ? step.name : `${action.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}-${position + 1}`;
  return { name, action };
}
