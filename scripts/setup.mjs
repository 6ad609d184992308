#!/usr/bin/env node
// Set-up shared by `npm run demo` and `npm test`: everything a fresh clone needs, nothing when it is
// already there (so it costs a second on a prepared machine).
//  - npm packages from the lockfile (npm ci) when node_modules is missing or older than the lockfile;
//  - as root: Debian's chromium, janus, janus-demos, nftables, coturn, iproute2, procps, poppler-utils;
//    when not root: the exact apt-get command to run, and the run goes on (root-only tests say they skip);
//  - Galène through `go install` where Go is present (the Go proxy may refuse it: then the lab runs
//    without Galène and says so);
//  - the LiveKit server, built from its pinned Go module into meetbench's cache (skipped when that version
//    is there; without Go the lab runs without LiveKit and says why), and the lab's LiveKit meeting page,
//    bundled from LiveKit's npm packages. Both are TypeScript, run once the npm packages are installed.
// Plain JavaScript on purpose: it runs before the TypeScript toolchain is installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEBIAN_PACKAGES = ['chromium', 'chromium-driver', 'janus', 'janus-demos', 'nftables', 'coturn', 'iproute2', 'procps', 'poppler-utils'];
const say = (line) => process.stderr.write(`setup: ${line}\n`);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) {
    say(`${command} ${args.join(' ')} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}

function npmPackages() {
  const modules = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(modules) && statSync(modules).mtimeMs >= statSync(lock).mtimeMs) return;
  say('installing npm packages from the lockfile (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

function missingDebianPackages() {
  return DEBIAN_PACKAGES.filter((name) => {
    try {
      const status = execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      return !status.includes('install ok installed');
    } catch {
      return true;
    }
  });
}

function debianPackages() {
  if (!existsSync('/usr/bin/dpkg-query')) {
    say(`not a Debian system: install the equivalents of ${DEBIAN_PACKAGES.join(', ')} yourself`);
    return;
  }
  const missing = missingDebianPackages();
  if (missing.length === 0) return;
  if (!isRoot) {
    say(`missing Debian packages: ${missing.join(', ')}`);
    say(`run as root: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
    say('(the lab needs root anyway: run `sudo npm run demo` / `sudo npm test` for the whole suite)');
    return;
  }
  say(`installing Debian packages: ${missing.join(', ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env });
}

function galene() {
  if (process.env.MEETBENCH_SKIP_GALENE === '1') return;
  const result = spawnSync('bash', [path.join(root, 'scripts', 'install-galene.sh')], {
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (result.status === 0) return;
  const reason = result.status === 2 ? 'no Go toolchain' : ((result.stderr || '').trim().split('\n').slice(-1)[0] || `exit ${result.status}`).trim();
  say(`Galène not available (${reason}); the lab runs without Galène. \`meetbench doctor\` shows the details.`);
}

function livekit() {
  const tool = (file) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'harness', 'lab', 'livekit', file)], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    });
  const server = tool('build-livekit-server.ts');
  const said = (server.stdout || '').trim().replace(/^livekit: /, '');
  if (server.status !== 0) say(`LiveKit not available (${said || `exit ${server.status}`}); the lab runs without it. \`meetbench doctor\` shows the details.`);
  const page = tool('build-meeting-page.ts');
  if (page.status !== 0) say('the LiveKit meeting page could not be bundled (above); the lab bundles it again when LiveKit starts');
}

npmPackages();
debianPackages();
galene();
livekit();
