import { describe, expect, it } from 'vitest';
import type { Phases } from '../../../../results/run-record.ts';
import { buildWaterfall } from '../../../../server/model/waterfall.ts';
import { makeParticipant, makeTrial } from '../../../helpers/run-factory.ts';

const segments = (phases: Phases) => buildWaterfall(makeTrial({ participants: [makeParticipant({ phases })] })).rows[0]!.segments;

describe('join waterfall', () => {
  it('starts signalling and ICE at the join action', () => {
    const s = segments({ pageLoadMs: 300, uiReadyMs: 400, joinActionMs: 650, signallingMs: 200, iceMs: 350 });
    expect(s.find((x) => x.phase === 'signalling')).toEqual({ phase: 'signalling', startMs: 650, endMs: 850 });
    expect(s.find((x) => x.phase === 'ice')).toEqual({ phase: 'ice', startMs: 850, endMs: 1000 });
  });

  it("draws a token link's join from the page's start, where its join action is", () => {
    const s = segments({ pageLoadMs: 300, uiReadyMs: 310, joinActionMs: 0, signallingMs: 280, iceMs: 420 });
    expect(s.find((x) => x.phase === 'signalling')).toEqual({ phase: 'signalling', startMs: 0, endMs: 280 });
  });

  it('takes the join action to be uiReady in runs stored before it was kept', () => {
    const s = segments({ pageLoadMs: 300, uiReadyMs: 400, signallingMs: 200, iceMs: 350 });
    expect(s.find((x) => x.phase === 'signalling')).toEqual({ phase: 'signalling', startMs: 400, endMs: 600 });
  });
});
