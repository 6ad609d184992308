/**
 * Bundles the lab's LiveKit meeting page (page/) with esbuild from LiveKit's own npm packages into
 * meetbench's cache, in a folder named after what it is made of (the page's sources and the exact versions
 * of the packages bundled): a changed page or package is bundled again, an unchanged one never is.
 * Set-up calls it; the lab calls it too when the folder is missing (it takes under a second). Unlike the
 * reconstructions' pages (bundle-page.ts, one script per process), this one is React, LiveKit's
 * components and their stylesheet, about 1 MB: built once, served as files.
 *
 *   node --import tsx harness/lab/livekit/build-meeting-page.ts
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { meetbenchCacheDir } from './livekit-release.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCE_DIR = fileURLToPath(new URL('./page/', import.meta.url));
const ENTRY = path.join(SOURCE_DIR, 'meeting-page.tsx');

/** what the page is made of; their versions are pinned in package.json and shown in the page's title */
export const PAGE_PACKAGES = ['livekit-client', '@livekit/components-react', '@livekit/components-styles', 'react', 'react-dom'] as const;

export function pagePackageVersions(): Record<string, string> {
  return Object.fromEntries(
    PAGE_PACKAGES.map((name) => {
      const manifest = path.join(REPO_ROOT, 'node_modules', name, 'package.json');
      return [name, existsSync(manifest) ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version : 'missing'];
    }),
  );
}

/** The folder of the current page: named by a hash of its sources and package versions. */
export function meetingPageDir(env: NodeJS.ProcessEnv = process.env): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(SOURCE_DIR).sort()) hash.update(file).update(readFileSync(path.join(SOURCE_DIR, file)));
  hash.update(JSON.stringify(pagePackageVersions()));
  return path.join(meetbenchCacheDir(env), 'livekit-meeting-page', hash.digest('hex').slice(0, 16));
}

export interface MeetingPage {
  dir: string;
  /** false when it was already there */
  built: boolean;
}

export async function buildMeetingPage(env: NodeJS.ProcessEnv = process.env): Promise<MeetingPage> {
  const dir = meetingPageDir(env);
  if (existsSync(path.join(dir, 'index.html'))) return { dir, built: false };
  const versions = pagePackageVersions();
  const missing = Object.entries(versions)
    .filter(([, v]) => v === 'missing')
    .map(([name]) => name);
  if (missing.length > 0) throw new Error(`cannot bundle the LiveKit meeting page: ${missing.join(', ')} not installed (npm ci)`);
  // imported here, not at the top: the lab loads this file, and only a build needs esbuild
  const esbuild = await import('esbuild');
  const work = `${dir}.build-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  try {
    await esbuild.build({
      entryPoints: [ENTRY],
      bundle: true,
      outdir: work,
      entryNames: 'meeting-page',
      format: 'esm',
      platform: 'browser',
      target: 'chrome110',
      jsx: 'automatic',
      minify: true,
      sourcemap: true,
      // React's production build: its development build checks every render twice as slowly
      define: { 'process.env.NODE_ENV': '"production"' },
      loader: { '.svg': 'dataurl', '.woff': 'file', '.woff2': 'file' },
      logLevel: 'silent',
      absWorkingDir: REPO_ROOT,
    });
    const title = `LiveKit meeting (lab: ${Object.entries(versions)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ')})`;
    const html = readFileSync(path.join(SOURCE_DIR, 'index.html'), 'utf8').replace(/<title>[^<]*<\/title>/, `<title>${title}</title>`);
    writeFileSync(path.join(work, 'index.html'), html);
    mkdirSync(path.dirname(dir), { recursive: true });
    // another set-up may have finished the same folder meanwhile: theirs is as good as ours
    if (!existsSync(dir)) renameSync(work, dir);
    return { dir, built: true };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const started = Date.now();
  buildMeetingPage().then(
    (page) => process.stdout.write(`livekit: meeting page ${page.built ? `bundled in ${Date.now() - started} ms` : 'already bundled'} in ${page.dir}\n`),
    (error: unknown) => {
      process.stderr.write(`livekit: ${(error as Error).message}\n`);
      process.exitCode = 3;
    },
  );
}
