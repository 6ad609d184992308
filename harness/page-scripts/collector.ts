/**
 * The in-page collector, injected before any page script (Puppeteer evaluateOnNewDocument).
 * It runs in the browser: no imports, no Node. It is compiled to a plain IIFE by harness/participants/page-script.ts.
 *
 * - A Proxy around RTCPeerConnection (construct trap) tracks every peer connection while keeping
 *   `instanceof`, statics and the prototype intact, so the platform's own code cannot tell.
 * - Join phases come from events, not from polling: navigation start is time 0 (performance.timeOrigin),
 *   load event, UI ready and join action (marked by the adapter), first remote description applied,
 *   first peer connection ICE connected, first outbound RTP packet, first decoded remote video frame.
 * - `snapshot()` reads getStats of every peer connection that reached `connected` (platforms create
 *   short-lived connections that never connect; they are not counted) and returns cumulative counters;
 *   the Node side turns two snapshots into rates.
 */

import { zeroCounters, type PcCounters } from './collector-types.ts';

interface MeetbenchConfig {
  /** a function body returning true for peer-connection configurations to leave out of bandwidth */
  exclude: string | null;
}

interface PcEntry {
  id: number;
  pc: RTCPeerConnection;
  createdAt: number;
  connectedAt: number | null;
  excluded: boolean;
  closed: boolean;
  /** last counters read, kept when the connection closes so totals never go backwards */
  last: PcCounters | null;
}

(() => {
  const w = window as unknown as Record<string, unknown>;
  if (w.__meetbench) return;
  const config = (w.__meetbenchConfig as MeetbenchConfig | undefined) ?? { exclude: null };
  const now = (): number => performance.now();
  const marks: Record<string, number> = {};
  const mark = (name: string, at: number = now()): void => {
    if (marks[name] === undefined) marks[name] = Math.round(at);
  };
  const entries: PcEntry[] = [];
  const errors: string[] = [];
  let nextId = 1;
  const excludeTest = config.exclude ? (new Function('config', config.exclude) as (c: unknown) => boolean) : null;

  window.addEventListener('load', () => mark('pageLoad'));
  window.addEventListener('error', (event) => {
    if (errors.length < 50) errors.push(String(event.message));
  });

  // First decoded remote frame, from the receiver's own stats, polled every 100 ms from the moment the
  // track arrives until a frame is decoded (event-started, so the cost ends with the first frame).
  const watchFirstFrame = (pc: RTCPeerConnection, receiver: RTCRtpReceiver): void => {
    if (receiver.track.kind !== 'video' || marks.firstRemoteFrame !== undefined) return;
    const started = now();
    const timer = window.setInterval(() => {
      if (marks.firstRemoteFrame !== undefined || now() - started > 120_000 || pc.connectionState === 'closed') {
        window.clearInterval(timer);
        return;
      }
      void receiver
        .getStats()
        .then((report) => {
          report.forEach((s: Record<string, unknown>) => {
            if (s.type === 'inbound-rtp' && Number(s.framesDecoded ?? 0) > 0) mark('firstRemoteFrame');
          });
        })
        .catch(() => undefined);
    }, 100);
  };

  const track = (pc: RTCPeerConnection, init: RTCConfiguration | undefined): void => {
    let excluded = false;
    try {
      excluded = excludeTest ? Boolean(excludeTest(init ?? {})) : false;
    } catch {
      excluded = false;
    }
    const entry: PcEntry = { id: nextId++, pc, createdAt: now(), connectedAt: null, excluded, closed: false, last: null };
    entries.push(entry);
    const onState = (): void => {
      const ice = pc.iceConnectionState;
      const conn = pc.connectionState;
      if ((ice === 'connected' || ice === 'completed' || conn === 'connected') && entry.connectedAt === null) {
        entry.connectedAt = now();
        if (!excluded) {
          mark('iceConnected', entry.connectedAt);
          watchOutbound();
        }
      }
      if (conn === 'closed' || ice === 'closed') entry.closed = true;
    };
    pc.addEventListener('iceconnectionstatechange', onState);
    pc.addEventListener('connectionstatechange', onState);
    pc.addEventListener('track', (event) => {
      if (!excluded) watchFirstFrame(pc, (event as RTCTrackEvent).receiver);
    });
    const setRemote = pc.setRemoteDescription.bind(pc);
    pc.setRemoteDescription = ((description: RTCSessionDescriptionInit) =>
      setRemote(description).then((result) => {
        if (!excluded) mark('remoteDescription');
        return result;
      })) as typeof pc.setRemoteDescription;
    const close = pc.close.bind(pc);
    pc.close = () => {
      entry.closed = true;
      return close();
    };
  };

  // First outbound media: a short fast poll (200 ms) that stops as soon as packets leave, so the phase
  // is precise without a permanent cost.
  let outboundTimer: number | null = null;
  const watchOutbound = (): void => {
    if (outboundTimer !== null || marks.firstOutbound !== undefined) return;
    const started = now();
    outboundTimer = window.setInterval(() => {
      void (async () => {
        for (const entry of entries) {
          if (entry.excluded || entry.connectedAt === null || entry.closed) continue;
          const report = await entry.pc.getStats().catch(() => null);
          report?.forEach((s: Record<string, unknown>) => {
            if (s.type === 'outbound-rtp' && Number(s.packetsSent ?? 0) > 0) mark('firstOutbound');
          });
        }
        if ((marks.firstOutbound !== undefined || now() - started > 30_000) && outboundTimer !== null) {
          window.clearInterval(outboundTimer);
        }
      })();
    }, 200);
  };

  const Native = window.RTCPeerConnection;
  if (Native) {
    const Proxied = new Proxy(Native, {
      construct(target, args, newTarget) {
        const pc = Reflect.construct(target, args, newTarget) as RTCPeerConnection;
        try {
          track(pc, args[0] as RTCConfiguration | undefined);
        } catch (error) {
          errors.push(`collector: ${String(error)}`);
        }
        return pc;
      },
    });
    w.RTCPeerConnection = Proxied;
    if (w.webkitRTCPeerConnection) w.webkitRTCPeerConnection = Proxied;
  }

  const readCounters = async (entry: PcEntry): Promise<PcCounters> => {
    const c = zeroCounters();
    const report = await entry.pc.getStats();
    const byId = new Map<string, Record<string, unknown>>();
    report.forEach((s: Record<string, unknown>) => byId.set(String(s.id), s));
    const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
    for (const s of byId.values()) {
      const kind = s.kind ?? s.mediaType;
      if (s.type === 'transport') {
        c.bytesSent += num(s.bytesSent);
        c.bytesReceived += num(s.bytesReceived);
        const pair = byId.get(String(s.selectedCandidatePairId));
        if (pair) {
          if (typeof pair.currentRoundTripTime === 'number') c.rttMs = pair.currentRoundTripTime * 1000;
          const local = byId.get(String(pair.localCandidateId));
          if (local)
            c.candidateType =
              String(local.candidateType ?? '') +
              (local.relayProtocol ? `/${String(local.relayProtocol)}` : local.protocol ? `/${String(local.protocol)}` : '');
        }
      } else if (s.type === 'outbound-rtp') {
        if (kind === 'audio') c.audioBytesSent += num(s.bytesSent);
        if (kind === 'video') {
          c.videoBytesSent += num(s.bytesSent);
          c.framesEncoded += num(s.framesEncoded);
          c.totalEncodeTimeS += num(s.totalEncodeTime);
          const durations = s.qualityLimitationDurations as Record<string, number> | undefined;
          if (durations) c.qualityLimitedS += num(durations.cpu) + num(durations.bandwidth) + num(durations.other);
          if (typeof s.qualityLimitationReason === 'string') c.qualityLimitation = s.qualityLimitationReason;
        }
      } else if (s.type === 'inbound-rtp') {
        c.packetsReceived += num(s.packetsReceived);
        c.packetsLost += Math.max(0, num(s.packetsLost));
        if (typeof s.jitter === 'number') {
          c.jitterSum += s.jitter * 1000;
          c.jitterCount += 1;
        }
        if (kind === 'audio') {
          c.audioBytesReceived += num(s.bytesReceived);
          c.concealedSamples += num(s.concealedSamples);
          c.totalSamplesReceived += num(s.totalSamplesReceived);
        }
        if (kind === 'video') {
          c.videoBytesReceived += num(s.bytesReceived);
          c.framesDecoded += num(s.framesDecoded);
          c.freezeCount += num(s.freezeCount);
          c.freezeDurationS += num(s.totalFreezesDuration);
          c.videoInbound += 1;
          if (typeof s.frameHeight === 'number') c.frameHeight = Math.max(c.frameHeight ?? 0, s.frameHeight);
        }
      }
    }
    return c;
  };

  const snapshot = async (): Promise<{ at: number; pcs: Array<{ id: number; connected: boolean; closed: boolean; counters: PcCounters | null }> }> => {
    const at = now();
    const pcs = [];
    for (const entry of entries) {
      if (entry.excluded || entry.connectedAt === null) continue;
      if (!entry.closed) {
        try {
          entry.last = await readCounters(entry);
        } catch (error) {
          errors.push(`getStats: ${String(error)}`);
        }
      }
      const state = entry.pc.connectionState;
      pcs.push({
        id: entry.id,
        connected: !entry.closed && (state === 'connected' || state === 'new' || state === 'connecting'),
        closed: entry.closed,
        counters: entry.last,
      });
    }
    return { at, pcs };
  };

  w.__meetbench = {
    mark: (name: string, at?: number) => mark(name, typeof at === 'number' && Number.isFinite(at) && at >= 0 ? at : now()),
    marks: () => ({ ...marks }),
    peerConnections: () =>
      entries.map((e) => ({
        id: e.id,
        connected: e.connectedAt !== null,
        excluded: e.excluded,
        closed: e.closed,
        state: e.pc.connectionState,
        ice: e.pc.iceConnectionState,
      })),
    snapshot,
    // the connections snapshot() reads, for readers beside it (media-sources.ts)
    connections: () => entries.filter((e) => !e.excluded && e.connectedAt !== null && !e.closed).map((e) => e.pc),
    errors: () => [...errors],
  };
})();
