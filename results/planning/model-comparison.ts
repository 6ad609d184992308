/**
 * The media models side by side for the DSI's meeting sizes (10 meetings of 5, 50 of 3, a council of 30):
 * for every platform of a run whose media model is known, one participant's audio and video stream as
 * measured (its uplink divided by the copies it sends, on the wire: kernel counters where the lab has them,
 * else getStats plus headers), projected with its model (media-models.ts) to each size. A meeting larger
 * than the platform holds (a mesh's group size) is not projected: the platform refuses it.
 */
import type { MediaModel, RunRecord, Trial } from '../run-record.ts';
import { median } from '../statistics.ts';
import { MODEL_NAMES, participantRates, streamsSent, VISIBLE_TILES_1080P, type ParticipantRates, type StreamRates } from './media-models.ts';

export const DSI_SIZES = [
  { meetings: 10, size: 5 },
  { meetings: 50, size: 3 },
  { meetings: 1, size: 30 },
] as const;

/** headers added to getStats payload rates when no kernel counter measured the wire (as project-bandwidth.ts) */
const HEADER_OVERHEAD = 1.08;
const HEADROOM = 1.3;

export interface ModelProjection {
  meetings: number;
  size: number;
  /** null when the platform does not hold meetings that large */
  perParticipant: ParticipantRates | null;
  site: { uplinkMbps: number; downlinkMbps: number } | null;
  refused?: string;
}

export interface PlatformModel {
  platform: string;
  /** how reports name it: a lab reconstruction's title, else the platform id */
  title: string;
  model: MediaModel;
  modelName: string;
  stream: StreamRates & { source: 'kernel' | 'getStats'; participants: number };
  projections: ModelProjection[];
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** one participant's streams on the wire, from every joined sender of the platform's unsaturated trials */
function measuredStreams(trials: Trial[], model: MediaModel): PlatformModel['stream'] | null {
  const audio: number[] = [];
  const video: number[] = [];
  const kernel: boolean[] = [];
  for (const trial of trials) {
    const roomSize = new Map<string, number>();
    for (const p of trial.participants) roomSize.set(p.room ?? '1', (roomSize.get(p.room ?? '1') ?? 0) + 1);
    for (const p of trial.participants) {
      const a = p.metrics.audio_uplink_kbps;
      const v = p.metrics.video_uplink_kbps;
      if (!p.joined || p.role !== 'sender' || !finite(a) || !finite(v) || a + v <= 0) continue;
      const wireUp = p.kernel?.uplinkKbps;
      const wire = finite(wireUp) && wireUp > 0 ? wireUp / (a + v) : HEADER_OVERHEAD;
      const copies = streamsSent(model, roomSize.get(p.room ?? '1') ?? 1);
      audio.push((a * wire) / copies);
      video.push((v * wire) / copies);
      kernel.push(finite(wireUp));
    }
  }
  if (audio.length === 0) return null;
  const round = (x: number): number => Math.round(x * 10) / 10;
  return {
    audioKbps: round(median(audio) as number),
    videoKbps: round(median(video) as number),
    source: kernel.every(Boolean) ? 'kernel' : 'getStats',
    participants: audio.length,
  };
}

function project(model: MediaModel, stream: StreamRates, limit: number | undefined, meetings: number, size: number): ModelProjection {
  if (limit !== undefined && size > limit) return { meetings, size, perParticipant: null, site: null, refused: `meetings hold at most ${limit}` };
  const rates = participantRates(model, size, stream, VISIBLE_TILES_1080P);
  const mbps = (kbps: number): number => Math.round((meetings * size * kbps * HEADROOM) / 100) / 10;
  return { meetings, size, perParticipant: rates, site: { uplinkMbps: mbps(rates.uplinkKbps), downlinkMbps: mbps(rates.downlinkKbps) } };
}

/** trials of a saturated runner measured the runner, not the platform: left out unless asked for (as measured-rates.ts) */
export function compareMediaModels(run: RunRecord, options: { includeSaturated?: boolean } = {}): PlatformModel[] {
  const platforms = [...new Set(run.trials.map((t) => t.platform))];
  return platforms.flatMap((platform) => {
    const trials = run.trials.filter(
      (t) => t.platform === platform && t.mediaModel && t.verdict !== 'broken' && (options.includeSaturated || !t.runner.saturated),
    );
    const model = trials[0]?.mediaModel;
    if (!model) return [];
    const stream = measuredStreams(trials, model);
    if (!stream) return [];
    const limit = trials.find((t) => t.roomLimit)?.roomLimit?.max;
    return [
      {
        platform,
        title: trials[0]?.labPlatform?.title ?? platform,
        model,
        modelName: MODEL_NAMES[model],
        stream,
        projections: DSI_SIZES.map(({ meetings, size }) => project(model, stream, limit, meetings, size)),
      },
    ];
  });
}

/** what every figure of the comparison rests on */
export const MODEL_ASSUMPTIONS = [
  "one participant's audio and video stream as measured in this run (its uplink divided by the copies it sends), with the run's camera size and rate",
  "SFU: each sends once and receives every other's audio and video; SFU with mixed audio (Carbonio): the same for video, and ONE mixed audio stream down; mesh (Zimbra Connect peer to peer): each sends to and receives from every other",
  `Carbonio receives only the cameras its grid shows: on a 1920×1080 screen, up to ${VISIBLE_TILES_1080P} (tiles at least 300 px wide), so every camera at these sizes`,
  'site link: every participant on the site, the server outside; 30 % headroom for peaks',
  'a mesh larger than its group size is refused by the platform: no figure',
];
