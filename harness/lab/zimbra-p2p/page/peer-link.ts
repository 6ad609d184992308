/**
 * One side of a mesh call's pair: a peer connection of its own to one other member, carrying this
 * member's camera and microphone there and theirs back. With four others, a member sends its media four
 * times, each encoded for its own connection: that is the uplink a mesh costs. The newcomer offers;
 * candidates are trickled through the signalling. No STUN or TURN in the lab (Zimbra Connect used
 * Google's STUN by default; the lab has no way out, and every member is on its one network).
 */
import type { SignalData } from '../mesh-messages.ts';

export class PeerLink {
  readonly pc = new RTCPeerConnection({ iceServers: [] });
  private readonly early: RTCIceCandidateInit[] = [];

  constructor(
    readonly peerId: string,
    local: MediaStream,
    private readonly signal: (data: SignalData) => void,
    onStream: (stream: MediaStream) => void,
  ) {
    for (const track of local.getTracks()) this.pc.addTrack(track, local);
    this.pc.addEventListener('icecandidate', (e) => this.signal({ candidate: e.candidate ? e.candidate.toJSON() : null }));
    this.pc.addEventListener('track', (e) => {
      if (e.streams[0]) onStream(e.streams[0]);
    });
  }

  async offer(): Promise<void> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    this.signal({ sdp: this.pc.localDescription!.toJSON() });
  }

  async receive(data: SignalData): Promise<void> {
    if ('sdp' in data) {
      await this.pc.setRemoteDescription(data.sdp);
      for (const candidate of this.early.splice(0)) await this.pc.addIceCandidate(candidate);
      if (data.sdp.type === 'offer') {
        await this.pc.setLocalDescription(await this.pc.createAnswer());
        this.signal({ sdp: this.pc.localDescription!.toJSON() });
      }
    } else if (data.candidate) {
      if (this.pc.remoteDescription) await this.pc.addIceCandidate(data.candidate);
      else this.early.push(data.candidate);
    }
  }

  close(): void {
    this.pc.close();
  }
}
