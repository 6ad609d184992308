/**
 * The lab's layer 2: one bridge `mb-br0` (10.99.0.1/24) in the root namespace and one network namespace per
 * reference platform or participant, attached to it by a veth pair. No namespace gets a default route, so
 * nothing started inside can reach any address but the lab's own (the rules of this machine).
 * Creation is async; removal is synchronous (see exec.ts) and tolerates things already gone.
 */
import { existsSync, readdirSync } from 'node:fs';
import { run, tryRunSync } from '../system/exec.ts';
import { BRIDGE, BRIDGE_ADDRESS, PREFIX_LENGTH, type NamespaceNames } from './lab-names.ts';
import { terminateSync } from '../system/processes.ts';

export function linkExists(name: string): boolean {
  return existsSync(`/sys/class/net/${name}`);
}

export function namespaceExists(name: string): boolean {
  return existsSync(`/run/netns/${name}`);
}

export async function ensureBridge(): Promise<void> {
  if (!linkExists(BRIDGE)) {
    await run('ip', ['link', 'add', BRIDGE, 'type', 'bridge']);
    await run('ip', ['addr', 'add', `${BRIDGE_ADDRESS}/${PREFIX_LENGTH}`, 'dev', BRIDGE]);
  }
  await run('ip', ['link', 'set', BRIDGE, 'up']);
}

/** Create the namespace, its veth pair on the bridge, its address, and bring lo and the veth up. */
export async function createAttachedNamespace(names: NamespaceNames): Promise<void> {
  const { namespace, hostVeth, nsVeth, address } = names;
  await run('ip', ['netns', 'add', namespace]);
  // IPv4 only: an IPv6 link-local address appears a moment after the veth comes up, and Chromium aborts the
  // requests in flight with ERR_NETWORK_CHANGED when it does (seen on the first page load of a participant)
  // (a kernel without IPv6 has nothing to disable)
  for (const scope of ['all', 'default'])
    await run('ip', ['netns', 'exec', namespace, 'sysctl', '-qw', `net.ipv6.conf.${scope}.disable_ipv6=1`]).catch(() => undefined);
  await run('ip', ['link', 'add', hostVeth, 'type', 'veth', 'peer', 'name', nsVeth, 'netns', namespace]);
  await run('ip', ['link', 'set', hostVeth, 'master', BRIDGE]);
  await run('ip', ['link', 'set', hostVeth, 'up']);
  await run('ip', ['-n', namespace, 'addr', 'add', `${address}/${PREFIX_LENGTH}`, 'dev', nsVeth]);
  await run('ip', ['-n', namespace, 'link', 'set', nsVeth, 'up']);
  await run('ip', ['-n', namespace, 'link', 'set', 'lo', 'up']);
}

export function namespacePids(namespace: string): number[] {
  const out = tryRunSync('ip', ['netns', 'pids', namespace]) ?? '';
  return out
    .split('\n')
    .map(Number)
    .filter((pid) => Number.isInteger(pid) && pid > 0);
}

/** The veth ends inside a namespace (`ip -o link` prints `2: mb-p3n@if7: <...>`). */
function namespaceVeths(namespace: string): string[] {
  const out = tryRunSync('ip', ['-n', namespace, '-o', 'link', 'show', 'type', 'veth']) ?? '';
  return out
    .split('\n')
    .map((line) => /^\d+:\s+([^@:\s]+)/.exec(line)?.[1])
    .filter((name): name is string => !!name);
}

/**
 * Kill every process still inside the namespace (servers, browsers), delete its veth pairs, then the namespace.
 * The veths are deleted explicitly first: `ip netns delete` only unmounts the namespace, and the kernel
 * destroys it (and the veth pair with it) later, from a work queue, so the host end would still be
 * listed for a moment after the call (seen in CI, and the next set-up of the same index would collide).
 * Deleting one end of a veth pair removes both at once.
 */
export function removeNamespaceSync(namespace: string): void {
  if (namespaceExists(namespace)) {
    terminateSync(namespacePids(namespace));
    for (const veth of namespaceVeths(namespace)) tryRunSync('ip', ['-n', namespace, 'link', 'delete', veth]);
    tryRunSync('ip', ['netns', 'delete', namespace]);
  }
}

export function removeLinkSync(name: string): void {
  if (linkExists(name)) tryRunSync('ip', ['link', 'delete', name]);
}

export function listLabNamespaces(): string[] {
  if (!existsSync('/run/netns')) return [];
  return readdirSync('/run/netns').filter((name) => name.startsWith('mb-'));
}

export function listLabLinks(): string[] {
  return readdirSync('/sys/class/net').filter((name) => name.startsWith('mb-'));
}

/** `mb-*` nftables tables in the root namespace, as [family, name] (tables inside namespaces die with them). */
export function listLabNftTables(): Array<[string, string]> {
  const out = tryRunSync('nft', ['list', 'tables']) ?? '';
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((parts): parts is [string, string, string] => parts[0] === 'table' && !!parts[2]?.startsWith('mb-'))
    .map(([, family, name]) => [family, name]);
}

export function removeNftTableSync(family: string, name: string): void {
  tryRunSync('nft', ['delete', 'table', family, name]);
}
