/**
 * Who gets which network profile in a trial, and whether this machine can apply them: pure functions of
 * the scenario, the trial's network and the probed features. Participants are numbered in order: the
 * first group takes the first `count` participants, and so on. A group without `network` (and every
 * participant when there are no groups) takes the trial's network (one entry of `networks:`).
 */
import { HarnessError } from '../errors.ts';
import type { Scenario } from '../scenario/scenario-schema.ts';
import { partialShapingError } from './apply-profile.ts';
import type { ShapingFeatures } from './shaping-features.ts';
import { describePlan, planShaping } from './shaping-plan.ts';
import { resolveProfile } from './catalogue.ts';
import { isUnshaped, type NamedProfile } from './profile-schema.ts';

export interface ParticipantNetwork extends NamedProfile {
  /** 0-based participant index in the trial */
  index: number;
  /** the group's name, when the scenario has groups */
  group: string | null;
}

export function participantName(scenario: Scenario, index: number): string {
  return `${scenario.participants.namePrefix}${index + 1}`;
}

/** The profile of each participant of a trial run under `trialNetwork`. */
export function assignNetworks(scenario: Scenario, trialNetwork: string): ParticipantNetwork[] {
  const inline = scenario.networkProfiles;
  const trialProfile = resolveProfile(trialNetwork, inline, `networks: "${trialNetwork}"`);
  const groups = scenario.participants.groups ?? [];
  const result: ParticipantNetwork[] = [];
  groups.forEach((group, g) => {
    const named = group.network ? resolveProfile(group.network, inline, `participants.groups[${g}].network`) : trialProfile;
    for (let i = 0; i < group.count; i += 1) result.push({ index: result.length, group: group.name ?? `group${g + 1}`, ...named });
  });
  while (result.length < scenario.participants.count) result.push({ index: result.length, group: null, ...trialProfile });
  return result;
}

/** Indexes a timeline target names (a group, or participant names). */
export function targetIndexes(
  scenario: Scenario,
  networks: ParticipantNetwork[],
  target: { group?: string | undefined; participants?: string[] | undefined },
): number[] {
  if (target.group !== undefined) return networks.filter((n) => n.group === target.group).map((n) => n.index);
  const names = target.participants ?? [];
  return networks.filter((n) => names.includes(participantName(scenario, n.index))).map((n) => n.index);
}

/** Every profile a trial may use: the initial ones and those the timeline switches to. */
export function profilesOfTrial(scenario: Scenario, trialNetwork: string): NamedProfile[] {
  const all = new Map<string, NamedProfile>();
  for (const n of assignNetworks(scenario, trialNetwork)) all.set(n.name, n);
  scenario.timeline.forEach((action, i) => {
    if (action.profile) all.set(action.profile.network, resolveProfile(action.profile.network, scenario.networkProfiles, `timeline[${i}].profile.network`));
  });
  return [...all.values()];
}

export function needsShaping(scenario: Scenario): boolean {
  return scenario.networks.some((n) => profilesOfTrial(scenario, n).some((p) => !isUnshaped(p.profile))) || scenario.timeline.length > 0;
}

export function needsTurn(scenario: Scenario): boolean {
  return scenario.networks.some((n) => profilesOfTrial(scenario, n).some((p) => p.profile.firewall === 'turn-only'));
}

/**
 * The run plan's network lines; throws (UNSUPPORTED) when a profile cannot be applied in full and the
 * scenario does not accept partial shaping, and (NEEDS_ROOT) when shaping is asked outside the lab.
 */
export function checkNetworkPlan(scenario: Scenario, features: ShapingFeatures | null): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  // profiles a timeline switches to are checked here too, so they are refused before anything starts
  // rather than in the middle of a measurement
  const switchedTo = scenario.timeline.flatMap((action, i) =>
    action.profile ? [resolveProfile(action.profile.network, scenario.networkProfiles, `timeline[${i}].profile.network`)] : [],
  );
  for (const trialNetwork of scenario.networks) {
    for (const named of [...profilesOfTrial(scenario, trialNetwork), ...switchedTo]) {
      if (seen.has(named.name)) continue;
      seen.add(named.name);
      if (isUnshaped(named.profile)) {
        lines.push(`${named.name}: nothing to shape`);
        continue;
      }
      if (!features) {
        throw new HarnessError('NEEDS_ROOT', `network profile "${named.name}" needs the lab (root, participants in their own namespaces) to be applied`, {
          hint: 'run as root with lab: platforms, or use the "lan" network',
        });
      }
      const plan = planShaping(named.profile, features);
      if (plan.notApplied.length > 0 && !scenario.acceptPartialShaping) throw partialShapingError(named.name, plan.notApplied);
      lines.push(describePlan(named.name, plan));
    }
  }
  if (scenario.timeline.some((a) => a.cut) && features && !features.nftables) {
    throw new HarnessError('UNSUPPORTED', `the timeline cuts a network, which needs nftables: ${features.why.nftables ?? 'missing'}`, {
      hint: 'apt-get install -y nftables',
    });
  }
  return lines;
}
