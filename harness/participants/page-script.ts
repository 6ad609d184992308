/**
 * Compiles an in-page script (harness/page-scripts/*.ts) to a plain IIFE string once per process.
 * esbuild bundles it with what it imports from harness/page-scripts/ (no Node module may be imported
 * there: lint enforces it), so no Node helper (`__name`, imports) leaks into the page.
 */
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const cache = new Map<string, string>();

export type PageScriptName =
  | 'collector'
  | 'fake-media'
  | 'generated-media'
  | 'no-audio-playout'
  | 'speaking'
  | 'screen-document'
  | 'media-sources'
  | 'quality-receiver'
  | 'quality-video-worker'
  | 'quality-marker-worklet';

export function pageScript(name: PageScriptName): string {
  const cached = cache.get(name);
  if (cached) return cached;
  const file = fileURLToPath(new URL(`../page-scripts/${name}.ts`, import.meta.url));
  const result = buildSync({
    entryPoints: [file],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
    keepNames: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]?.text ?? '';
  cache.set(name, code);
  return code;
}
