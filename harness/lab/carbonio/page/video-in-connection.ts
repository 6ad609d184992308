/**
 * Carbonio's VideoScreenInConnection: ONE peer connection that receives every subscribed remote feed,
 * cameras and screens alike. Janus makes the offer (on the first subscription, on every change, and on
 * its own when a subscribed publisher leaves); the page answers through `PUT …/media/answer`. Offers are
 * answered one at a time, and a subscription change waits until the previous one is answered.
 */
import type { Feed, MeetingApi } from './meeting-api.ts';
import type { EventsSocket } from './events-socket.ts';
import { PEER_CONFIG } from './peer-config.ts';
import { diffFeeds } from './visible-feeds.ts';

export class VideoInConnection {
  private pc: RTCPeerConnection | null = null;
  private offers: Promise<void> = Promise.resolve();
  private subscribed: Feed[] = [];
  private wanted: Feed[] = [];
  private busy = false;
  onTrack: (streamId: string, stream: MediaStream) => void = () => undefined;
  onError: (message: string) => void = () => undefined;

  constructor(
    private readonly api: MeetingApi,
    socket: EventsSocket,
  ) {
    socket.on((event) => {
      if (event.type === 'MeetingSdpOffered') this.offers = this.offers.then(() => this.answer(event.sdp)).catch((e: Error) => this.onError(e.message));
    });
  }

  get connection(): RTCPeerConnection | null {
    return this.pc;
  }

  private async answer(sdp: string): Promise<void> {
    if (!this.pc) {
      this.pc = new RTCPeerConnection(PEER_CONFIG);
      // with use_msid, a feed's stream id is its publisher's feed id: `<userId>/video` or `<userId>/screen`
      this.pc.addEventListener('track', (e) => {
        const stream = e.streams[0];
        if (stream) this.onTrack(stream.id, stream);
      });
    }
    await this.pc.setRemoteDescription({ type: 'offer', sdp });
    await this.pc.setLocalDescription(await this.pc.createAnswer());
    await this.api.answer(this.pc.localDescription!.sdp);
    this.busy = false;
    void this.sync();
  }

  /** ask for these feeds; the diff goes out once nothing is being negotiated */
  want(feeds: Feed[]): void {
    this.wanted = feeds;
    void this.sync();
  }

  private async sync(): Promise<void> {
    if (this.busy) return;
    const before = this.subscribed;
    const { subscribe, unsubscribe } = diffFeeds(before, this.wanted);
    if (subscribe.length === 0 && unsubscribe.length === 0) return;
    this.busy = true;
    // counted as asked before the answer comes: Janus's offer may arrive on the socket first
    this.subscribed = this.wanted;
    try {
      const { offered } = await this.api.subscribe(subscribe, unsubscribe);
      // no offer means nothing changed on Janus's side: nothing to answer
      if (!offered) {
        this.busy = false;
        void this.sync();
      }
    } catch (error) {
      // a feed that left in the meantime: keep what was there before and ask again in a moment
      this.subscribed = before.filter((f) => !unsubscribe.includes(f));
      this.busy = false;
      this.onError((error as Error).message);
      setTimeout(() => void this.sync(), 1000);
    }
  }

  close(): void {
    this.pc?.close();
  }
}
