/** The other participants of the meeting, in the order they arrived, and which of their feeds are on. */
import type { MeetingEvent, MeetingParticipantView } from '../meeting-events.ts';
import type { Feed } from './meeting-api.ts';

export class RemoteParticipants {
  private readonly list = new Map<string, MeetingParticipantView>();

  constructor(private readonly me: string) {}

  merge(views: MeetingParticipantView[]): void {
    for (const view of views) if (view.userId !== this.me && !this.list.has(view.userId)) this.list.set(view.userId, view);
  }

  /** @returns true when the event changed who or what is on */
  apply(event: MeetingEvent): boolean {
    if (event.type === 'MeetingParticipantJoined' && event.userId !== this.me) {
      this.merge([{ userId: event.userId, name: event.name, videoStreamOn: false, screenStreamOn: false }]);
      return true;
    }
    if (event.type === 'MeetingParticipantLeft') return this.list.delete(event.userId);
    if (event.type === 'MeetingMediaStreamChanged') {
      const view = this.list.get(event.userId);
      if (!view) return false;
      if (event.mediaType === 'video') view.videoStreamOn = event.active;
      else view.screenStreamOn = event.active;
      return true;
    }
    return false;
  }

  /** every remote feed that is on: cameras and screens, in arrival order */
  feedsOn(): Feed[] {
    return [...this.list.values()].flatMap((p) => [
      ...(p.videoStreamOn ? [{ userId: p.userId, type: 'video' as const }] : []),
      ...(p.screenStreamOn ? [{ userId: p.userId, type: 'screen' as const }] : []),
    ]);
  }
}
