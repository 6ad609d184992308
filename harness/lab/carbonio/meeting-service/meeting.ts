/**
 * A meeting on the video server, as Carbonio's startMeeting makes it: one Janus session with an AudioBridge
 * handle and a VideoRoom handle, which create the meeting's two rooms and carry mute and unmute; the rooms
 * are destroyed when the last participant leaves. Joins, leaves and the end run one at a time per meeting,
 * so a participant never joins rooms being destroyed.
 */
import { audioRoomCreate, audioRoomId, videoRoomCreate, videoRoomId } from '../carbonio-rooms.ts';
import type { MeetingEvent, MeetingParticipantView } from '../meeting-events.ts';
import type { JanusHandle, JanusRest, JanusSession } from './janus-rest.ts';
import { MeetingParticipant, type ConnectionsSeen, type LabUser } from './meeting-participant.ts';

export interface MeetingNotifier {
  /** send an event to one user's WebSockets */
  toUser(userId: string, event: MeetingEvent): void;
  /** a participant left: which of its connections Janus had reported up (the lab's record) */
  left(meetingId: string, userId: string, seen: ConnectionsSeen): void;
}

export class Meeting {
  readonly participants = new Map<string, MeetingParticipant>();
  private session: JanusSession | null = null;
  private audioRoom: JanusHandle | null = null;
  private videoRoom: JanusHandle | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly id: string,
    private readonly rest: JanusRest,
    private readonly notifier: MeetingNotifier,
  ) {}

  /** one change at a time; a failed one does not block the next */
  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  get started(): boolean {
    return this.session !== null;
  }

  /** `POST meetings/<id>/start`: the meeting's session and both rooms; nothing when already started */
  start(): Promise<void> {
    return this.serial(() => this.startUnlocked());
  }

  private async startUnlocked(): Promise<void> {
    if (this.session) return;
    const session = await this.rest.createSession();
    try {
      this.audioRoom = await session.attach('janus.plugin.audiobridge');
      this.videoRoom = await session.attach('janus.plugin.videoroom');
      await this.audioRoom.message(audioRoomCreate(this.id), 'creating the audio room');
      await this.videoRoom.message(videoRoomCreate(this.id), 'creating the video room');
    } catch (error) {
      await session.destroy();
      throw error;
    }
    this.session = session;
  }

  join(user: LabUser): Promise<MeetingParticipant> {
    return this.serial(async () => {
      await this.startUnlocked();
      const present = this.participants.get(user.id);
      if (present) return present;
      const participant = await MeetingParticipant.open(
        this.rest,
        this.id,
        user,
        (event) => this.notifier.toUser(user.id, event),
        (mediaType, active) => this.broadcast({ type: 'MeetingMediaStreamChanged', meetingId: this.id, userId: user.id, mediaType, active }, user.id),
      );
      this.participants.set(user.id, participant);
      this.broadcast({ type: 'MeetingParticipantJoined', meetingId: this.id, userId: user.id, name: user.name }, user.id);
      return participant;
    });
  }

  /** @returns true when the meeting ended with this leave (its rooms destroyed) */
  leave(userId: string): Promise<boolean> {
    return this.serial(async () => {
      const participant = this.participants.get(userId);
      if (!participant) return false;
      this.participants.delete(userId);
      this.notifier.left(this.id, userId, participant.seen);
      await participant.close();
      this.broadcast({ type: 'MeetingParticipantLeft', meetingId: this.id, userId });
      if (this.participants.size > 0) return false;
      await this.end();
      return true;
    });
  }

  private async end(): Promise<void> {
    if (!this.session) return;
    await this.audioRoom?.message({ request: 'destroy', room: audioRoomId(this.id) }, 'destroying the audio room').catch(() => undefined);
    await this.videoRoom?.message({ request: 'destroy', room: videoRoomId(this.id) }, 'destroying the video room').catch(() => undefined);
    await this.session.destroy();
    this.session = null;
  }

  /** `PUT …/audio {enabled}`: mute or unmute, sent on the meeting's own AudioBridge handle as Carbonio does */
  async setAudio(userId: string, enabled: boolean): Promise<void> {
    if (!this.audioRoom) throw new Error('the meeting has not started');
    await this.audioRoom.message({ request: enabled ? 'unmute' : 'mute', room: audioRoomId(this.id), id: userId }, enabled ? 'unmuting' : 'muting');
  }

  view(): MeetingParticipantView[] {
    return [...this.participants.values()].map((p) => ({ userId: p.user.id, name: p.user.name, videoStreamOn: p.media.video, screenStreamOn: p.media.screen }));
  }

  private broadcast(event: MeetingEvent, except?: string): void {
    for (const userId of this.participants.keys()) if (userId !== except) this.notifier.toUser(userId, event);
  }
}
