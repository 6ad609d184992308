/**
 * Reads getStats by media source, beside the in-page collector (collector.ts, whose peer connections it
 * asks for): which outbound and inbound video streams carry a screen share and which a camera, and the
 * audio energy of the microphone sent and of each audio stream received. A stream sent is a screen when
 * its media source's track is one the screen document handed out (screen-document.ts); a stream received
 * is a screen when the platform's adapter says its track is (`__meetbenchMediaSourcesConfig.screenTracks`,
 * a function body returning track ids, since only the platform's page knows which remote feed is a
 * share). Only installed when a scenario shares a screen or has a speaking pattern: it costs one getStats
 * per connection a second. No imports but the counter types: bundled into the page.
 */
import { zeroVideo, type MediaSourceSnapshot, type VideoCounters } from './media-source-types.ts';

interface MediaSourcesConfig {
  /** a function body returning the ids of received tracks that carry a screen share, or null */
  screenTracks: string | null;
}

type Stat = Record<string, unknown>;

(() => {
  const w = window as unknown as Record<string, unknown>;
  if (w.__meetbenchMediaSources) return;
  const config = (w.__meetbenchMediaSourcesConfig as MediaSourcesConfig | undefined) ?? { screenTracks: null };
  const receivedScreens = config.screenTracks ? (new Function(config.screenTracks) as () => unknown) : null;
  const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

  const screenIdsReceived = (): Set<string> => {
    try {
      const ids = receivedScreens?.();
      return new Set(Array.isArray(ids) ? ids.map(String) : []);
    } catch {
      return new Set();
    }
  };
  const screenIdsSent = (): Set<string> => {
    const own = w.__meetbenchScreen as { trackIds?: () => string[] } | undefined;
    return new Set(own?.trackIds?.() ?? []);
  };
  const connections = (): RTCPeerConnection[] => {
    const collector = w.__meetbench as { connections?: () => RTCPeerConnection[] } | undefined;
    return collector?.connections?.() ?? [];
  };
  // a stable key per connection, for the received audio streams (the list changes as feeds come and go)
  const keys = new WeakMap<RTCPeerConnection, number>();
  let nextKey = 1;
  const keyOf = (pc: RTCPeerConnection): number => {
    let key = keys.get(pc);
    if (key === undefined) {
      key = nextKey++;
      keys.set(pc, key);
    }
    return key;
  };
  const higher = (a: number | null, b: unknown): number | null => (typeof b === 'number' && b > 0 ? Math.max(a ?? 0, b) : a);

  /**
   * Simulcast layers of one media source (LiveKit sends a share at two sizes) are one picture at several
   * sizes: every layer's bytes count, but the source's frames are those of its fullest layer, and it counts
   * as one stream. A cumulative maximum never goes back, so its rate stays a frame rate.
   */
  type Layers = { counters: VideoCounters; frames: number };
  const addOutbound = (sources: Map<string, Layers>, key: string, c: VideoCounters, s: Stat): void => {
    c.bytesSent += num(s.bytesSent);
    c.frameHeightSent = higher(c.frameHeightSent, s.frameHeight);
    sources.set(key, { counters: c, frames: Math.max(sources.get(key)?.frames ?? 0, num(s.framesEncoded)) });
  };
  const countSources = (sources: Map<string, Layers>): void => {
    for (const { counters, frames } of sources.values()) {
      counters.framesEncoded += frames;
      counters.outbound += 1;
    }
  };
  const addInbound = (c: VideoCounters, s: Stat): void => {
    c.bytesReceived += num(s.bytesReceived);
    c.framesDecoded += num(s.framesDecoded);
    c.inbound += 1;
    c.frameHeightReceived = higher(c.frameHeightReceived, s.frameHeight);
  };

  const snapshot = async (): Promise<MediaSourceSnapshot> => {
    const out: MediaSourceSnapshot = {
      at: performance.now(),
      wallMs: Date.now(),
      screen: zeroVideo(),
      camera: zeroVideo(),
      audioSent: { energy: 0, duration: 0 },
      audioReceived: {},
    };
    const sentScreens = screenIdsSent();
    const receivedScreenIds = screenIdsReceived();
    const pcs = connections();
    const sentSources = new Map<string, Layers>();
    for (const pc of pcs) {
      const report = await pc.getStats().catch(() => null);
      if (!report) continue;
      const byId = new Map<string, Stat>();
      report.forEach((s: Stat) => byId.set(String(s.id), s));
      for (const s of byId.values()) {
        const kind = s.kind ?? s.mediaType;
        if (s.type === 'media-source' && kind === 'audio') {
          out.audioSent.energy += num(s.totalAudioEnergy);
          out.audioSent.duration += num(s.totalSamplesDuration);
        } else if (s.type === 'outbound-rtp' && kind === 'video') {
          const source = byId.get(String(s.mediaSourceId));
          const counters = sentScreens.has(String(source?.trackIdentifier ?? '')) ? out.screen : out.camera;
          addOutbound(sentSources, `${keyOf(pc)}:${String(s.mediaSourceId ?? s.id)}`, counters, s);
        } else if (s.type === 'inbound-rtp' && kind === 'video') {
          addInbound(receivedScreenIds.has(String(s.trackIdentifier ?? '')) ? out.screen : out.camera, s);
        } else if (s.type === 'inbound-rtp' && kind === 'audio') {
          out.audioReceived[`${keyOf(pc)}:${String(s.id)}`] = { energy: num(s.totalAudioEnergy), duration: num(s.totalSamplesDuration) };
        }
      }
    }
    countSources(sentSources);
    return out;
  };

  w.__meetbenchMediaSources = { snapshot };
})();
