/**
 * Carbonio's BidirectionalConnectionAudioInOut: one peer connection, audio both ways, to the AudioBridge.
 * It opens at once with a disabled oscillator track (the participant joins the mix muted); unmuting swaps
 * the microphone in with replaceTrack and asks the meeting service to unmute, which it does on Janus. What
 * comes back is one stream: the mix of everyone else, made by Janus at 16 kHz.
 */
import type { MeetingApi } from './meeting-api.ts';
import type { EventsSocket } from './events-socket.ts';
import { PEER_CONFIG } from './peer-config.ts';

const MICROPHONE: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };

export class AudioConnection {
  readonly pc = new RTCPeerConnection(PEER_CONFIG);
  private microphone: MediaStreamTrack | null = null;
  private readonly context = new AudioContext();
  private readonly player = new Audio();
  /** the AudioBridge answered: mute and unmute apply only to a participant already in the mix */
  private opened: Promise<void> | null = null;

  constructor(
    private readonly api: MeetingApi,
    private readonly socket: EventsSocket,
  ) {
    this.player.autoplay = true;
    this.pc.addEventListener('track', (event) => {
      this.player.srcObject = event.streams[0] ?? new MediaStream([event.track]);
    });
  }

  private silentTrack(): MediaStreamTrack {
    const oscillator = this.context.createOscillator();
    const destination = this.context.createMediaStreamDestination();
    oscillator.connect(destination);
    oscillator.start();
    const track = destination.stream.getAudioTracks()[0]!;
    track.enabled = false;
    return track;
  }

  /** `PUT …/audio/offer` straight after setLocalDescription (no trickle), then the answer from the events socket */
  open(): Promise<void> {
    this.opened ??= this.negotiate();
    return this.opened;
  }

  private async negotiate(): Promise<void> {
    const track = this.silentTrack();
    this.pc.addTrack(track, new MediaStream([track]));
    await this.pc.setLocalDescription(await this.pc.createOffer());
    const answered = this.socket.next((e): e is Extract<typeof e, { type: 'MeetingAudioAnswered' }> => e.type === 'MeetingAudioAnswered', 'audio answer');
    answered.catch(() => undefined);
    await this.api.audioOffer(this.pc.localDescription!.sdp);
    await this.pc.setRemoteDescription({ type: 'answer', sdp: (await answered).sdp });
  }

  async setMicrophone(on: boolean): Promise<void> {
    await this.open();
    if (on && !this.microphone) {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: MICROPHONE });
      this.microphone = stream.getAudioTracks()[0] ?? null;
      const sender = this.pc.getSenders().find((s) => s.track?.kind === 'audio' || s.track === null);
      if (sender && this.microphone) await sender.replaceTrack(this.microphone);
    }
    if (this.microphone) this.microphone.enabled = on;
    await this.api.audio(on);
  }

  close(): void {
    this.microphone?.stop();
    this.pc.close();
    void this.context.close();
  }
}
