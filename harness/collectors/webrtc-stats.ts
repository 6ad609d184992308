/**
 * A participant's WebRTC statistics: the in-page collector's snapshot (page-scripts/collector.ts), turned
 * into per-second rates against the previous one (participants/sample-rates.ts).
 */
import type { Participant } from '../participants/participant.ts';
import type { ParticipantSource } from './participant-source.ts';

export function webrtcStatsSource(participant: Participant): ParticipantSource {
  return {
    name: 'WebRTC statistics',
    read: async (t) => {
      const sample = await participant.sample(t);
      if (!sample) return null;
      const { t: _t, participant: _name, ...fields } = sample;
      return fields;
    },
  };
}
