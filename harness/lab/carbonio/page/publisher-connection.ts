/**
 * Carbonio's VideoOutConnection and ScreenOutConnection: a send-only peer connection that exists only
 * while the camera (or the screen share) is on. The camera is asked for by aspect ratio alone (16:9,
 * UserMediaManager.ts), and sent as one encoding through addTrack: no simulcast, as Carbonio by default.
 * Turning it off is a flag for the meeting service and the end of this connection (Janus unpublishes).
 */
import type { MeetingApi, MediaType } from './meeting-api.ts';
import type { EventsSocket } from './events-socket.ts';
import { PEER_CONFIG } from './peer-config.ts';

export const CAMERA: MediaTrackConstraints = { aspectRatio: 1.7777777778 };

export async function captureCamera(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({ video: CAMERA });
}

export class PublisherConnection {
  readonly pc = new RTCPeerConnection(PEER_CONFIG);

  constructor(
    readonly type: MediaType,
    readonly stream: MediaStream,
    private readonly api: MeetingApi,
    private readonly socket: EventsSocket,
  ) {}

  async open(): Promise<void> {
    for (const track of this.stream.getVideoTracks()) this.pc.addTrack(track, this.stream);
    await this.pc.setLocalDescription(await this.pc.createOffer());
    const type = this.type;
    const answered = this.socket.next(
      (e): e is Extract<typeof e, { type: 'MeetingSdpAnswered' }> => e.type === 'MeetingSdpAnswered' && e.mediaType === type,
      `${type} answer`,
    );
    answered.catch(() => undefined);
    await this.api.media(this.type, true, this.pc.localDescription!.sdp);
    await this.pc.setRemoteDescription({ type: 'answer', sdp: (await answered).sdp });
  }

  async close(): Promise<void> {
    this.pc.close();
    for (const track of this.stream.getTracks()) track.stop();
    await this.api.media(this.type, false);
  }
}
