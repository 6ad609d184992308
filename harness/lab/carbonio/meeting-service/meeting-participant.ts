/**
 * One participant of a meeting on the video server, as Carbonio's addMeetingParticipant makes it: its own
 * Janus session with four handles: the AudioBridge participant (`<userId>`), two VideoRoom publishers
 * joined at once (`<userId>/video`, `<userId>/screen`) and one multistream subscriber that receives every
 * feed the page asks for. The page always makes the offer, except on the subscriber, where Janus does.
 * Janus's answers and offers go to the page as meeting events; nothing here talks to the browser directly.
 */
import { audioRoomId, feedId, videoRoomId, type MediaType } from '../carbonio-rooms.ts';
import type { MeetingEvent } from '../meeting-events.ts';
import type { JanusEvent, JanusHandle, JanusRest, JanusSession } from './janus-rest.ts';

export interface LabUser {
  id: string;
  name: string;
}

/** which of the participant's connections Janus reported up (its `webrtcup`), for the lab's own record */
export interface ConnectionsSeen {
  audio: boolean;
  video: boolean;
  screen: boolean;
  videoIn: boolean;
}

export type Send = (event: MeetingEvent) => void;
/** a camera or screen became receivable (its connection up on Janus), or stopped */
export type OnMedia = (type: MediaType, active: boolean) => void;

export class MeetingParticipant {
  readonly seen: ConnectionsSeen = { audio: false, video: false, screen: false, videoIn: false };
  readonly media: Record<MediaType, boolean> = { video: false, screen: false };
  private subscriberJoined = false;
  private readonly handles: Partial<Record<'audio' | MediaType | 'videoIn', JanusHandle>> = {};

  private constructor(
    readonly meetingId: string,
    readonly user: LabUser,
    private readonly session: JanusSession,
    private readonly send: Send,
    private readonly onMedia: OnMedia,
  ) {}

  /** `POST meetings/<id>/join`: the session, its four handles, both publishers joined */
  static async open(rest: JanusRest, meetingId: string, user: LabUser, send: Send, onMedia: OnMedia): Promise<MeetingParticipant> {
    const session = await rest.createSession();
    const participant = new MeetingParticipant(meetingId, user, session, send, onMedia);
    session.onLost = (reason) => {
      if (reason !== 'destroyed') send({ type: 'MeetingMediaLost', meetingId, reason });
    };
    try {
      await participant.attachAll();
    } catch (error) {
      await session.destroy();
      throw error;
    }
    return participant;
  }

  private async attachAll(): Promise<void> {
    const up = (which: keyof ConnectionsSeen) => (event: JanusEvent) => {
      if (event.janus === 'webrtcup') this.seen[which] = true;
    };
    this.handles.audio = await this.session.attach('janus.plugin.audiobridge', (event) => {
      up('audio')(event);
      this.relayTalking(event);
    });
    for (const type of ['video', 'screen'] as const) {
      // Janus lets others subscribe to a feed only once its connection is up: that is when the others learn of it
      const handle = await this.session.attach('janus.plugin.videoroom', (event) => {
        up(type)(event);
        if (event.janus === 'webrtcup') this.setMedia(type, true);
        if (event.janus === 'hangup') this.setMedia(type, false);
      });
      await handle.message(
        { request: 'join', ptype: 'publisher', room: videoRoomId(this.meetingId), id: feedId(this.user.id, type), display: this.user.name },
        `joining the video room as ${type} publisher`,
      );
      this.handles[type] = handle;
    }
    this.handles.videoIn = await this.session.attach('janus.plugin.videoroom', (event) => {
      up('videoIn')(event);
      // Janus renegotiates on its own when a subscribed feed goes away: its new offer goes to the page
      if (event.jsep?.type === 'offer') this.send({ type: 'MeetingSdpOffered', meetingId: this.meetingId, sdp: event.jsep.sdp });
    });
  }

  private relayTalking(event: JanusEvent): void {
    const data = event.plugindata?.data;
    if (data?.audiobridge !== 'talking' && data?.audiobridge !== 'stopped-talking') return;
    this.send({ type: 'MeetingParticipantTalking', meetingId: this.meetingId, userId: String(data.id), talking: data.audiobridge === 'talking' });
  }

  private handle(which: 'audio' | MediaType | 'videoIn'): JanusHandle {
    const handle = this.handles[which];
    if (!handle) throw new Error(`${which} handle missing`);
    return handle;
  }

  /** `PUT …/audio/offer`: join the AudioBridge muted, with the page's offer; the answer goes back as MeetingAudioAnswered */
  async audioOffer(sdp: string): Promise<void> {
    const answer = await this.handle('audio').message(
      { request: 'join', room: audioRoomId(this.meetingId), id: this.user.id, display: this.user.name, muted: true },
      'joining the audio room',
      { type: 'offer', sdp },
    );
    if (!answer.jsep) throw new Error('joining the audio room: the AudioBridge answered without an SDP answer');
    this.send({ type: 'MeetingAudioAnswered', meetingId: this.meetingId, sdp: answer.jsep.sdp });
  }

  private setMedia(type: MediaType, active: boolean): void {
    if (this.media[type] === active) return;
    this.media[type] = active;
    this.onMedia(type, active);
  }

  /** `PUT …/media` on: publish the camera or the screen with the page's offer; off is only a flag (the page closes its connection, Janus unpublishes) */
  async publish(type: MediaType, enabled: boolean, sdp?: string): Promise<void> {
    if (!enabled) return this.setMedia(type, false);
    if (!sdp) throw new Error(`publishing the ${type}: no SDP offer`);
    const answer = await this.handle(type).message({ request: 'publish' }, `publishing the ${type}`, { type: 'offer', sdp });
    if (!answer.jsep) throw new Error(`publishing the ${type}: the VideoRoom answered without an SDP answer`);
    this.send({ type: 'MeetingSdpAnswered', meetingId: this.meetingId, mediaType: type, sdp: answer.jsep.sdp });
  }

  /**
   * `PUT …/media/subscribe`: the first call joins the subscriber, later ones update it; Janus's offer goes
   * back as MeetingSdpOffered. `offered` (the lab's addition) tells the page whether an offer is coming.
   */
  async subscribe(
    subscribe: Array<{ userId: string; type: MediaType }>,
    unsubscribe: Array<{ userId: string; type: MediaType }>,
  ): Promise<{ offered: boolean }> {
    const feeds = (list: typeof subscribe): Array<{ feed: string }> => list.map((s) => ({ feed: feedId(s.userId, s.type) }));
    let answer;
    if (!this.subscriberJoined) {
      if (subscribe.length === 0) return { offered: false };
      answer = await this.handle('videoIn').message(
        { request: 'join', ptype: 'subscriber', room: videoRoomId(this.meetingId), use_msid: true, streams: feeds(subscribe) },
        'subscribing to video feeds',
      );
      this.subscriberJoined = true;
    } else {
      answer = await this.handle('videoIn').message(
        {
          request: 'update',
          ...(subscribe.length > 0 ? { subscribe: feeds(subscribe) } : {}),
          ...(unsubscribe.length > 0 ? { unsubscribe: feeds(unsubscribe) } : {}),
        },
        'updating the video subscriptions',
      );
    }
    if (answer.jsep?.type !== 'offer') return { offered: false };
    this.send({ type: 'MeetingSdpOffered', meetingId: this.meetingId, sdp: answer.jsep.sdp });
    return { offered: true };
  }

  /** `PUT …/media/answer`: the page's answer to the subscriber's offer */
  async answer(sdp: string): Promise<void> {
    await this.handle('videoIn').message({ request: 'start' }, 'starting the video subscription', { type: 'answer', sdp });
  }

  /** leave: the whole session goes, which hangs up every connection and takes the publishers out of the room */
  async close(): Promise<void> {
    await this.session.destroy();
  }
}
