/**
 * Cumulative counters per kind of media source, as the in-page media-source reader takes them from
 * getStats (page-scripts/media-sources.ts): the screen share apart from the camera, both ways, and the
 * audio energy sent and received (getStats' totalAudioEnergy and totalSamplesDuration, from which an
 * average audio level over any interval follows). Shared by the page script and the Node side
 * (harness/collectors/media-sources.ts). No imports: it runs in the page too.
 */
export interface VideoCounters {
  bytesSent: number;
  /** per source sent, the frames of its fullest simulcast layer */
  framesEncoded: number;
  bytesReceived: number;
  framesDecoded: number;
  /** inbound streams of this kind now */
  inbound: number;
  /** media sources sent of this kind now (a source's simulcast layers are one) */
  outbound: number;
  /** the largest frame height received and sent now, null when none */
  frameHeightReceived: number | null;
  frameHeightSent: number | null;
}

export interface AudioEnergy {
  /** sum of the squared audio levels of the samples, times their duration (getStats totalAudioEnergy) */
  energy: number;
  /** seconds of audio counted (totalSamplesDuration) */
  duration: number;
}

export interface MediaSourceSnapshot {
  /** ms since navigation start */
  at: number;
  /** the page's wall clock then (ms since 1970): the clock speaking turns are counted on */
  wallMs: number;
  screen: VideoCounters;
  camera: VideoCounters;
  /** the microphone(s) sent, summed */
  audioSent: AudioEnergy;
  /** each received audio stream, by a key stable across snapshots */
  audioReceived: Record<string, AudioEnergy>;
}

export function zeroVideo(): VideoCounters {
  return { bytesSent: 0, framesEncoded: 0, bytesReceived: 0, framesDecoded: 0, inbound: 0, outbound: 0, frameHeightReceived: null, frameHeightSent: null };
}
