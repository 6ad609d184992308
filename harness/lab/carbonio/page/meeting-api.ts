/**
 * The page's side of the meeting REST calls (paths as carbonio-ws-collaboration-ui's MeetingsApi.ts).
 * A refused call throws with the meeting service's own reason, which the page shows.
 */
import type { MeetingParticipantView } from '../meeting-events.ts';

export type MediaType = 'video' | 'screen';
export interface Feed {
  userId: string;
  type: MediaType;
}

export class MeetingApi {
  constructor(readonly meetingId: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`/services/chats${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      credentials: 'same-origin',
    });
    const answer = (await response.json().catch(() => ({}))) as T & { error?: string };
    if (!response.ok) throw new Error(`the meeting service answered ${response.status}: ${answer.error ?? response.statusText}`);
    return answer;
  }

  private meeting(path = ''): string {
    return `/meetings/${encodeURIComponent(this.meetingId)}${path}`;
  }

  me = (): Promise<{ id: string; name: string }> => this.call('GET', '/users/me');
  participants = async (): Promise<MeetingParticipantView[]> =>
    (await this.call<{ participants: MeetingParticipantView[] }>('GET', this.meeting())).participants;
  start = (): Promise<unknown> => this.call('POST', this.meeting('/start'));
  join = (body: { audioStreamEnabled: boolean; videoStreamEnabled: boolean }): Promise<{ status: string }> => this.call('POST', this.meeting('/join'), body);
  leave = (): Promise<unknown> => this.call('POST', this.meeting('/leave'));
  audioOffer = (sdp: string): Promise<unknown> => this.call('PUT', this.meeting('/audio/offer'), { sdp });
  audio = (enabled: boolean): Promise<unknown> => this.call('PUT', this.meeting('/audio'), { enabled });
  media = (type: MediaType, enabled: boolean, sdp?: string): Promise<unknown> =>
    this.call('PUT', this.meeting('/media'), { type, enabled, ...(sdp ? { sdp } : {}) });
  subscribe = (subscribe: Feed[], unsubscribe: Feed[]): Promise<{ offered?: boolean }> =>
    this.call('PUT', this.meeting('/media/subscribe'), { subscribe, unsubscribe });
  answer = (sdp: string): Promise<unknown> => this.call('PUT', this.meeting('/media/answer'), { sdp });
}
