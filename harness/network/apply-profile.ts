/**
 * Applying and removing a network profile on one participant namespace, cutting its link and restoring
 * it. Removal is synchronous and tolerant (the thing may be gone already); deleting the namespace removes
 * all of it anyway (qdiscs die with the veth pair, tables with the namespace), which is what makes a
 * SIGKILLed runner's shaping go away when the reaper deletes its namespaces at the next start.
 */
import { HarnessError } from '../errors.ts';
import type { NamedProfile } from './profile-schema.ts';
import { run, tryRunSync } from '../system/exec.ts';
import { cutTable, cutTableScript, qdiscPlan, shapeTable, shapeTableScript, type KernelCommand, type ShapingTarget } from './shaping-commands.ts';
import type { ShapingFeatures } from './shaping-features.ts';
import { planShaping } from './shaping-plan.ts';

export interface AppliedShaping {
  profile: string;
  applied: string[];
  notApplied: string[];
}

export interface ApplyOptions {
  /** apply what can be applied and report the rest, instead of refusing */
  acceptPartial: boolean;
  /** the lab TURN server's address, for the turn-only firewall */
  turnAddress?: string | null;
}

function exec(c: KernelCommand): Promise<string> {
  return c.namespace ? run('ip', ['netns', 'exec', c.namespace, c.cmd, ...c.args]) : run(c.cmd, c.args);
}

function nftScript(namespace: string, script: string): Promise<string> {
  return run('ip', ['netns', 'exec', namespace, 'nft', script]);
}

/** The refusal of a profile this machine cannot apply in full, shared by the run plan and the runner. */
export function partialShapingError(profileName: string, notApplied: string[], where = ''): HarnessError {
  return new HarnessError('UNSUPPORTED', `${where}network profile "${profileName}" cannot be applied in full on this machine: ${notApplied.join('; ')}`, {
    hint: 'set `acceptPartialShaping: true` in the scenario to run with what can be applied (the report lists what was not), or run on a kernel with the missing qdisc (`meetbench doctor` lists them)',
  });
}

export async function applyProfile(target: ShapingTarget, named: NamedProfile, features: ShapingFeatures, options: ApplyOptions): Promise<AppliedShaping> {
  const plan = planShaping(named.profile, features);
  if (plan.notApplied.length > 0 && !options.acceptPartial) throw partialShapingError(named.name, plan.notApplied);
  try {
    for (const c of qdiscPlan(target, named.profile, features)) await exec(c);
    const script = shapeTableScript(target, named.profile, features, options.turnAddress ?? null);
    if (script) await nftScript(target.namespace, script);
  } catch (error) {
    removeProfileSync(target);
    throw new HarnessError('LAB_FAILED', `could not apply network profile "${named.name}" to ${target.namespace}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return { profile: named.name, applied: plan.applied, notApplied: plan.notApplied };
}

/** Remove the profile's qdiscs and table (not a cut). */
export function removeProfileSync(target: ShapingTarget): void {
  tryRunSync('ip', ['netns', 'exec', target.namespace, 'tc', 'qdisc', 'del', 'dev', target.nsVeth, 'root']);
  tryRunSync('tc', ['qdisc', 'del', 'dev', target.hostVeth, 'root']);
  for (const family of ['netdev', 'inet']) tryRunSync('ip', ['netns', 'exec', target.namespace, 'nft', 'delete', 'table', family, shapeTable(target)]);
}

/** Change the profile mid-meeting: remove the current one, apply the next. */
export async function replaceProfile(target: ShapingTarget, named: NamedProfile, features: ShapingFeatures, options: ApplyOptions): Promise<AppliedShaping> {
  removeProfileSync(target);
  return applyProfile(target, named, features, options);
}

export async function cutNetwork(target: ShapingTarget, features: ShapingFeatures): Promise<void> {
  if (!features.nftables)
    throw new HarnessError('UNSUPPORTED', `cannot cut ${target.namespace}'s network: ${features.why.nftables ?? 'nftables is not available'}`);
  await nftScript(target.namespace, cutTableScript(target, features));
}

export function restoreNetworkSync(target: ShapingTarget): void {
  for (const family of ['netdev', 'inet']) tryRunSync('ip', ['netns', 'exec', target.namespace, 'nft', 'delete', 'table', family, cutTable(target)]);
}

/** What shaping objects the participant has now: root qdiscs other than the defaults, and nft tables. */
export function listShapingSync(target: ShapingTarget): { qdiscs: string[]; tables: string[] } {
  const qdiscs = [
    ...(tryRunSync('ip', ['netns', 'exec', target.namespace, 'tc', 'qdisc', 'show', 'dev', target.nsVeth]) ?? '')
      .split('\n')
      .map((l) => `${target.nsVeth}: ${l}`),
    ...(tryRunSync('tc', ['qdisc', 'show', 'dev', target.hostVeth]) ?? '').split('\n').map((l) => `${target.hostVeth}: ${l}`),
  ].filter((l) => /qdisc (tbf|netem|htb)/.test(l));
  const tables = (tryRunSync('ip', ['netns', 'exec', target.namespace, 'nft', 'list', 'tables']) ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return { qdiscs, tables };
}
