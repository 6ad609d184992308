import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../../../harness/adapters/registry.ts';
import { scenarioProblems } from '../../../helpers/scenario-problems.ts';

const problems = (text: string): string[] => scenarioProblems(text);

const scenario = (platform: string, extra: string): string => `name: share
platforms:
  - ${platform}
participants:
  count: 4
  receivers: 1
${extra}`;

const VIDEOROOM = '{ id: janus, adapter: janus-videoroom, url: "lab:janus" }';

describe('screenShare in a scenario', () => {
  it('loads a share by a sender on an adapter that can share', () => {
    expect(problems(scenario(VIDEOROOM, 'screenShare: { participant: bench3 }'))).toEqual([]);
  });

  it('refuses a sharer that is a receiver or not a participant, with line and path', () => {
    expect(problems(scenario(VIDEOROOM, 'screenShare: { participant: bench4 }'))).toEqual([
      expect.stringMatching(/^s\.yaml:7: screenShare\.participant: "bench4" is not a sender of this scenario; expected one of bench1 to bench3/),
    ]);
    expect(problems(scenario(VIDEOROOM, 'screenShare: { participant: alice }'))).toEqual([
      expect.stringMatching(/^s\.yaml:7: screenShare\.participant: "alice" is not a sender/),
    ]);
  });

  it('refuses a share on an adapter that does not know the share control, and on the multistream demo page', () => {
    expect(problems(scenario('{ id: galene, adapter: galene, url: "lab:galene" }', 'screenShare: { participant: bench1 }'))).toEqual([
      expect.stringMatching(
        /^s\.yaml:3: platforms\[0\]\.adapter: screenShare asks bench1 to share a screen but platform "galene" \(adapter galene\) cannot: its adapter does not know the platform's share control; expected an adapter that can \(janus-videoroom, zimbra-connect\)/,
      ),
    ]);
    expect(
      problems(
        scenario('{ id: janus, adapter: janus-videoroom, url: "lab:janus", options: { page: mvideoroomtest.html } }', 'screenShare: { participant: bench1 }'),
      ),
    ).toEqual([expect.stringMatching(/cannot: a share is published from the demo page videoroomtest\.html only/)]);
  });
});

describe('speaking in a scenario', () => {
  it('takes always, turns, a turns object and a share object', () => {
    for (const speaking of ['always', 'turns', '{ pattern: turns, turnS: 3, speakers: 2 }', '{ pattern: share, share: 0.3 }']) {
      expect(problems(scenario(VIDEOROOM, `  media: { microphone: generated, speaking: ${speaking} }`)), speaking).toEqual([]);
    }
  });

  it('refuses a share of the time outside (0, 1] with line and path', () => {
    expect(problems(scenario(VIDEOROOM, '  media: { speaking: { pattern: share, share: 1.5 } }'))).toEqual([
      expect.stringMatching(/^s\.yaml:7: participants\.media\.speaking\.share: /),
    ]);
  });
});

describe('adapters and screen sharing', () => {
  it('declare the capability exactly when they say how to share', () => {
    for (const adapter of Object.values(ADAPTERS)) expect(adapter.capabilities.screenShare, adapter.id).toBe(adapter.screenShare !== undefined);
  });
});
