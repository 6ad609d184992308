/**
 * Compiles an in-page script (harness/page-scripts/*.ts) to a plain IIFE string once per process.
 * esbuild, not tsx's transform, so no Node helper (`__name`, imports) leaks into the page.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

const cache = new Map<string, string>();

export function pageScript(name: 'collector' | 'fake-media' | 'generated-media'): string {
  const cached = cache.get(name);
  if (cached) return cached;
  const file = fileURLToPath(new URL(`../page-scripts/${name}.ts`, import.meta.url));
  const { code } = transformSync(readFileSync(file, 'utf8'), { loader: 'ts', format: 'iife', target: 'es2022', keepNames: false });
  cache.set(name, code);
  return code;
}
