/**
 * The scenario's capacity-search mode: instead of one trial of `participants.count`, trials of growing
 * room size (start, start+step, … up to max) until a size fails an error-level criterion, does not fully
 * join, or saturates the runner. The answer is the largest size that met the criteria.
 */
import { z } from 'zod';

export const capacitySchema = z
  .strictObject({
    start: z.number().int().min(1).max(64).describe('first room size tried'),
    step: z.number().int().min(1).max(64).default(2).describe('participants added at each step'),
    max: z.number().int().min(1).max(64).describe('largest room size tried'),
  })
  .refine((c) => c.start <= c.max, { message: 'start cannot exceed max', path: ['start'] })
  .describe('search the largest room that meets the criteria, step by step');

export type CapacityConfig = z.output<typeof capacitySchema>;

/** the room sizes a search tries, in order */
export function capacitySizes(c: CapacityConfig): number[] {
  const sizes: number[] = [];
  for (let n = c.start; n <= c.max; n += c.step) sizes.push(n);
  return sizes;
}
