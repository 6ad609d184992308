/**
 * Runs once around the whole test suite. After it: no namespace, veth or Chromium process of ours may be
 * left. The check prints what it found and fails the suite when something leaked. What was already there
 * when the suite started is another run's (an engineer's lab, a second checkout's tests) and is not
 * counted, nor is a browser whose runner still lives; in CI nothing is there at the start, so everything is.
 */
import { execFileSync } from 'node:child_process';

function ownerAlive(commandLine: string): boolean {
  const owner = Number(commandLine.match(/meetbench-profile-(\d+)-/)?.[1]);
  if (!owner) return false;
  try {
    process.kill(owner, 0);
    return true;
  } catch {
    return false;
  }
}

function leftovers(): string[] {
  const found: string[] = [];
  try {
    const ns = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
    for (const line of ns.split('\n')) if (line.startsWith('mb-')) found.push(`namespace ${line.split(' ')[0]}`);
    const links = execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' });
    for (const line of links.split('\n')) {
      const name = line.split(':')[1]?.trim().split('@')[0];
      if (name?.startsWith('mb-')) found.push(`link ${name}`);
    }
  } catch {
    // no iproute2 or not allowed: nothing of ours can exist either
  }
  try {
    const ps = execFileSync('pgrep', ['-a', '-f', 'meetbench-profile'], { encoding: 'utf8' });
    // a browser's profile is named after the runner that started it (meetbench-profile-PID-…): while that
    // runner lives, the browser is a live run's (another checkout's tests, an engineer's run), not a leak
    for (const line of ps.split('\n').filter(Boolean)) if (!ownerAlive(line)) found.push(`browser ${line.slice(0, 80)}`);
  } catch {
    // pgrep exits 1 when nothing matches
  }
  return found;
}

let before = new Set<string>();

export function setup(): void {
  before = new Set(leftovers());
}

export function teardown(): void {
  const found = leftovers().filter((item) => !before.has(item));
  if (found.length > 0) {
    process.stderr.write(`\nLEFTOVERS after the test suite:\n  ${found.join('\n  ')}\n`);
    process.exitCode = 1;
    throw new Error(`the test suite left ${found.length} namespace(s), link(s) or browser(s) behind`);
  }
  process.stderr.write('\nAfter the suite: no namespace, veth or browser of meetbench left behind.\n');
}
