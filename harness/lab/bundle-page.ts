/**
 * Compiles a lab web page's TypeScript (a reconstruction's client) to one plain script, once per process:
 * esbuild bundles the entry with what it imports from its own folder (lint keeps Node out of page folders).
 */
import { buildSync } from 'esbuild';

const cache = new Map<string, string>();

export function bundlePage(entry: string): string {
  const cached = cache.get(entry);
  if (cached !== undefined) return cached;
  const result = buildSync({ entryPoints: [entry], bundle: true, write: false, format: 'iife', target: 'es2022', platform: 'browser', logLevel: 'silent' });
  const code = result.outputFiles[0]?.text ?? '';
  cache.set(entry, code);
  return code;
}
