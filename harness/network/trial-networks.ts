/**
 * The network side of one trial, for the runner: applies each participant's profile to its namespace
 * before it joins, points turn-only participants at the lab's TURN server, runs the timeline (cuts and
 * profile changes) as the measurement window goes, and says per participant what was applied and how
 * it recovered. The runner calls: setUp → adapterFor → tick(t) each second → finish → result.
 */
import type { Sample, TimelineEvent } from '../../results/run-record.ts';
import type { PlatformAdapter } from '../adapters/platform-adapter.ts';
import { HarnessError } from '../errors.ts';
import type { TurnServerConfig } from '../lab/index.ts';
import type { ParticipantNamespace } from '../lab/index.ts';
import { applyProfile, cutNetwork, replaceProfile, restoreNetworkSync, type AppliedShaping } from './apply-profile.ts';
import type { ShapingFeatures } from './shaping-features.ts';
import type { Scenario } from '../scenario/scenario-schema.ts';
import { resolveProfile } from './catalogue.ts';
import { assignNetworks, targetIndexes, type ParticipantNetwork } from './participant-networks.ts';
import { isUnshaped, type Direction, type NetworkProfile } from './profile-schema.ts';
import { recoveryAfterCut, stayedInMeeting } from './recovery.ts';
import { turnPageScript } from './turn-page-script.ts';

export interface TrialNetworkContext {
  /** null when nothing needs shaping (or outside the lab) */
  features: ShapingFeatures | null;
  /** the lab's coturn, when a profile is turn-only */
  turn: TurnServerConfig | null;
}

interface ParticipantState {
  network: ParticipantNetwork;
  namespace: ParticipantNamespace | null;
  /** what setUp applied (the initial profile) */
  initial: AppliedShaping | null;
  current: { profile: NetworkProfile; shaping: AppliedShaping } | null;
  events: TimelineEvent[];
}

const limits = (d: Direction): { rateKbps: number | null; delayMs: number | null; jitterMs: number | null; lossPct: number | null } => ({
  rateKbps: d.rateKbps ?? null,
  delayMs: d.delayMs ?? null,
  jitterMs: d.jitterMs ?? null,
  lossPct: d.lossPct ?? null,
});

export class TrialNetworks {
  private readonly states: ParticipantState[];
  private readonly openCuts: Array<{ until: number; indexes: number[] }> = [];

  constructor(
    private readonly scenario: Scenario,
    trialNetwork: string,
    private readonly context: TrialNetworkContext,
  ) {
    this.states = assignNetworks(scenario, trialNetwork).map((network) => ({ network, namespace: null, initial: null, current: null, events: [] }));
  }

  /** true when some participant of this trial is shaped, firewalled or touched by the timeline */
  get active(): boolean {
    return this.states.some((s) => !isUnshaped(s.network.profile)) || this.scenario.timeline.length > 0;
  }

  networkName(index: number): string {
    return this.states[index]?.network.name ?? 'lan';
  }

  private options(): { acceptPartial: boolean; turnAddress: string | null } {
    return { acceptPartial: this.scenario.acceptPartialShaping, turnAddress: this.context.turn?.address ?? null };
  }

  /** Apply participant `index`'s profile to its namespace (before the browser starts). */
  async setUp(index: number, namespace: ParticipantNamespace | null): Promise<void> {
    const state = this.states[index];
    if (!state) return;
    state.namespace = namespace;
    const { profile, name } = state.network;
    if (isUnshaped(profile)) return;
    if (!namespace || !this.context.features) {
      throw new HarnessError(
        'UNSUPPORTED',
        `network profile "${name}" needs the participant in a lab namespace: shaping only works on lab platforms (url: lab:...), as root`,
      );
    }
    if (profile.firewall === 'turn-only' && !this.context.turn)
      throw new HarnessError('LAB_FAILED', `network profile "${name}" is turn-only but the lab has no TURN server running`);
    state.initial = await applyProfile(namespace, state.network, this.context.features, this.options());
    state.current = { profile, shaping: state.initial };
  }

  /** The adapter a participant joins with: turn-only participants get the TURN server in every peer connection. */
  adapterFor(index: number, adapter: PlatformAdapter): PlatformAdapter {
    const turn = this.context.turn;
    if (this.states[index]?.network.profile.firewall !== 'turn-only' || !turn) return adapter;
    const script = turnPageScript(turn);
    return {
      ...adapter,
      async beforeNavigation(ctx) {
        await ctx.page.evaluateOnNewDocument(script);
        await adapter.beforeNavigation?.(ctx);
      },
    };
  }

  /** Run the actions due at window second `t` (call once per second, after the sample of t); returns what was done. */
  async tick(t: number): Promise<string[]> {
    const done: string[] = [];
    for (const cut of this.openCuts.filter((c) => c.until <= t)) {
      for (const i of cut.indexes) if (this.states[i]?.namespace) restoreNetworkSync(this.states[i].namespace);
      this.openCuts.splice(this.openCuts.indexOf(cut), 1);
      done.push(`network restored for ${this.names(cut.indexes)}`);
    }
    const due = this.scenario.timeline.filter((a) => a.at <= t && a.at > t - 1);
    for (const action of due) {
      const target = action.cut ?? action.profile;
      const indexes = target
        ? targetIndexes(
            this.scenario,
            this.states.map((s) => s.network),
            target,
          ).filter((i) => this.states[i]?.namespace)
        : [];
      if (action.cut) {
        for (const i of indexes) {
          await cutNetwork(this.states[i]!.namespace!, this.context.features!);
          this.states[i]!.events.push({ at: action.at, action: 'cut', durationS: action.cut.durationS });
        }
        this.openCuts.push({ until: action.at + action.cut.durationS, indexes });
        done.push(`network cut for ${this.names(indexes)} (${action.cut.durationS} s)`);
      } else if (action.profile) {
        const named = resolveProfile(action.profile.network, this.scenario.networkProfiles, 'timeline');
        for (const i of indexes) {
          const state = this.states[i]!;
          const shaping = await replaceProfile(state.namespace!, named, this.context.features!, this.options());
          state.current = { profile: named.profile, shaping };
          state.events.push({ at: action.at, action: 'profile', network: named.name, notApplied: shaping.notApplied });
        }
        done.push(`profile ${named.name} for ${this.names(indexes)}`);
      }
    }
    return done;
  }

  /** End of the window: no cut stays in place (the namespace goes next anyway). */
  finish(): void {
    for (const cut of this.openCuts.splice(0)) for (const i of cut.indexes) if (this.states[i]?.namespace) restoreNetworkSync(this.states[i].namespace);
  }

  /** The network fields of participant `index`'s result. */
  result(index: number, samples: Sample[], role: 'sender' | 'receiver', crashed: boolean): { network: string; shaping?: object; timeline?: TimelineEvent[] } {
    const state = this.states[index];
    if (!state) return { network: 'lan' };
    const initial = state.network;
    const out: { network: string; shaping?: object; timeline?: TimelineEvent[] } = { network: initial.name };
    if (state.initial) {
      out.shaping = {
        profile: initial.name,
        uplink: limits(initial.profile.uplink),
        downlink: limits(initial.profile.downlink),
        firewall: initial.profile.firewall ?? null,
        applied: state.initial.applied,
        notApplied: state.initial.notApplied,
      };
    }
    if (state.events.length > 0) {
      out.timeline = state.events.map((e, i) => {
        if (e.action !== 'cut') return e;
        const end = e.at + (e.durationS ?? 0);
        const next = state.events.slice(i + 1).find((later) => later.at >= end)?.at ?? Number.POSITIVE_INFINITY;
        return { ...e, recoveryS: recoveryAfterCut(samples, end, role), stayed: stayedInMeeting(samples, crashed, next) };
      });
    }
    return out;
  }

  private names(indexes: number[]): string {
    return indexes.map((i) => `${this.scenario.participants.namePrefix}${i + 1}`).join(', ') || 'nobody';
  }
}
