/**
 * Builds the pinned LiveKit server (livekit-release.ts) from its Go module into meetbench's cache, once:
 *   go mod download -json MODULE@VERSION   the module's source, in Go's module cache (read-only)
 *   a writable copy of that folder          go build may touch go.sum and needs somewhere to write
 *   go build -o BINARY ./cmd/server          about 75 MB, about 95 s on 2 quiet cores
 * Nothing happens when the binary of the pinned version is already there. Go is used for this step only.
 * A failure is written to BUILD-ERROR (Go's own message, the proxy's address masked) for doctor and the lab.
 *
 *   node --import tsx harness/lab/livekit/build-livekit-server.ts     exit 0 built or cached, 2 no Go, 3 failed
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, cpSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkLivekitServer, LIVEKIT_SERVER_MODULE, livekitServerInstall, type LivekitServerInstall } from './livekit-release.ts';

export type BuildOutcome = { status: 'cached' | 'built'; detail: string } | { status: 'no-go' | 'failed'; detail: string };

/** Go: $GO when set (and then only it), else `go` on PATH, else the official tarball's place. */
export function findGo(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates =
    env.GO !== undefined
      ? [env.GO]
      : [
          ...(env.PATH ?? '')
            .split(':')
            .filter(Boolean)
            .map((dir) => path.join(dir, 'go')),
          '/usr/local/go/bin/go',
        ];
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

/** The proxy's address is configuration, not information: keep it out of files and reports. */
export function maskProxy(text: string): string {
  return text.replace(/https?:\/\/[^/\s]+\//g, '<GOPROXY>/');
}

function runTool(binary: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(binary, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      // Go's progress lines ("go: downloading ...") are not the error; the lines after them are
      const said = (stderr || stdout || error.message)
        .split('\n')
        .filter((line) => !line.startsWith('go: downloading '))
        .join('\n')
        .trim();
      reject(new Error(`${path.basename(binary)} ${args.join(' ')} failed: ${said}`));
    });
  });
}

/** `go mod download -json` prints an object with Dir, or with Error (exit 1 and the same JSON). */
async function moduleSource(goBinary: string, version: string, cwd: string): Promise<string> {
  let text: string;
  try {
    text = await runTool(goBinary, ['mod', 'download', '-json', `${LIVEKIT_SERVER_MODULE}@${version}`], cwd);
  } catch (error) {
    const json = /\{[\s\S]*\}/.exec((error as Error).message)?.[0];
    const reported = json ? (JSON.parse(json) as { Error?: string }).Error : undefined;
    throw new Error(reported ? `go mod download ${LIVEKIT_SERVER_MODULE}@${version}: ${reported}` : (error as Error).message);
  }
  const info = JSON.parse(text) as { Dir?: string; Error?: string };
  if (info.Error || !info.Dir) throw new Error(`go mod download ${LIVEKIT_SERVER_MODULE}@${version}: ${info.Error ?? 'no Dir in its answer'}`);
  return info.Dir;
}

export async function buildLivekitServer(
  install: LivekitServerInstall = livekitServerInstall(),
  options: { onProgress?: (line: string) => void; env?: NodeJS.ProcessEnv } = {},
): Promise<BuildOutcome> {
  const progress = options.onProgress ?? (() => undefined);
  const present = await checkLivekitServer(install);
  if (present.ok) return { status: 'cached', detail: present.detail };

  const fail = (status: 'no-go' | 'failed', message: string): BuildOutcome => {
    mkdirSync(path.dirname(install.errorFile), { recursive: true });
    writeFileSync(install.errorFile, `${maskProxy(message)}\n`);
    return { status, detail: maskProxy(message) };
  };
  const goBinary = findGo(options.env);
  if (!goBinary) return fail('no-go', 'no Go toolchain found (set GO=/path/to/go, or install Go); LiveKit is not built');

  // a folder of this process's own, so two set-ups at once never build into each other's files
  const work = `${install.dir}.build-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    progress(`downloading ${LIVEKIT_SERVER_MODULE}@${install.version}`);
    const source = await moduleSource(goBinary, install.version, work);
    const copy = path.join(work, 'src');
    cpSync(source, copy, { recursive: true });
    // the module cache's files are read-only, and so would be the copy
    await runTool('chmod', ['-R', 'u+w', copy], work);
    progress(`building LiveKit server ${install.version} (about 95 s on 2 cores)`);
    const started = Date.now();
    await runTool(goBinary, ['build', '-o', path.join(work, 'livekit-server'), './cmd/server'], copy);
    mkdirSync(install.dir, { recursive: true });
    renameSync(path.join(work, 'livekit-server'), install.binary);
    const built = await checkLivekitServer(install);
    if (!built.ok) return fail('failed', built.detail);
    rmSync(install.errorFile, { force: true });
    return { status: 'built', detail: `${built.detail}, built in ${Math.round((Date.now() - started) / 1000)} s` };
  } catch (error) {
    return fail('failed', (error as Error).message);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  void buildLivekitServer(livekitServerInstall(), { onProgress: (line) => process.stderr.write(`livekit: ${line}\n`) }).then((outcome) => {
    process.stdout.write(`livekit: ${outcome.detail}\n`);
    process.exitCode = outcome.status === 'no-go' ? 2 : outcome.status === 'failed' ? 3 : 0;
  });
}
