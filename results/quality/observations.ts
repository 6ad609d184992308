/**
 * What the quality collector saw at one receiver, as plain data (harness/collectors/quality.ts gathers it
 * from the page, quality-summary.ts turns it into the record): the latency of every frame and audio marker
 * per sender (by participant index, in the receiver's and sender's own clocks), freezes, skipped frames,
 * picture scores, the video tracks whose stamp could not be read, and each audio stream's inbound counters
 * at the window's start and end. Times in ms; `t` in seconds of the window.
 */
export interface PictureScore {
  psnrDb: number | null;
  ssim: number | null;
  width: number;
  height: number;
}

export interface SenderSecond {
  sender: number;
  /** ms from each frame's making (sender's clock) to its arrival (receiver's clock) */
  latencies: number[];
  frames: number;
  skipped: number;
  pictures: PictureScore[];
  width: number;
  height: number;
}

export interface TrackSecond {
  track: string;
  frames: number;
  unreadable: number;
  width: number;
  height: number;
}

export interface AudioMarkerHit {
  sender: number;
  /** ms from the marker's making (sender's clock) to its playout (receiver's clock) */
  latencyMs: number;
}

export interface QualitySecond {
  t: number;
  video: SenderSecond[];
  tracks: TrackSecond[];
  audio: AudioMarkerHit[];
  /** markers heard (their sync found) but not read (CRC failed), whoever sent them */
  unreadableMarkers?: number;
}

export interface FreezeSeen {
  sender: number;
  /** seconds of the window when the frozen picture arrived (negative: before the window) */
  fromS: number;
  durationMs: number;
}

export interface AudioStreamCounters {
  track: string;
  /** the sender its markers named, null when none was read */
  sender: number | null;
  packetsReceived: number | null;
  packetsLost: number | null;
  jitterBufferDelayS: number | null;
  jitterBufferEmitted: number | null;
}

/** a browser's clock against the runner's: page clock minus runner clock, and how sure that is */
export interface ClockOffset {
  offsetMs: number;
  uncertaintyMs: number;
}

export interface ReceiverObservations {
  seconds: QualitySecond[];
  /** how long the window lasted by the page's clock (the last reading minus the window's start), ms */
  windowMs: number;
  freezes: FreezeSeen[];
  audioAtStart: AudioStreamCounters[];
  audioAtEnd: AudioStreamCounters[];
  /** the page's audio context state at the end (null: no remote audio was watched) */
  audioContext: string | null;
  errors: string[];
}
