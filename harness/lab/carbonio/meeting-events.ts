/**
 * What the meeting service sends a page over its WebSocket, named after Carbonio's meeting events
 * (MeetingSdpOffered, MeetingSdpAnswered, MeetingAudioAnswered, MeetingParticipantTalking, relayed from
 * Janus by core/web/socket/VideoServerEventListener.java in carbonio-ws-collaboration-ce, and the
 * participant and media-stream events of its meeting API). Shared with the page (no imports).
 */
export type MeetingEvent =
  | { type: 'MeetingParticipantJoined'; meetingId: string; userId: string; name: string }
  | { type: 'MeetingParticipantLeft'; meetingId: string; userId: string }
  | { type: 'MeetingMediaStreamChanged'; meetingId: string; userId: string; mediaType: 'video' | 'screen'; active: boolean }
  | { type: 'MeetingAudioAnswered'; meetingId: string; sdp: string }
  | { type: 'MeetingSdpAnswered'; meetingId: string; mediaType: 'video' | 'screen'; sdp: string }
  | { type: 'MeetingSdpOffered'; meetingId: string; sdp: string }
  | { type: 'MeetingParticipantTalking'; meetingId: string; userId: string; talking: boolean }
  /** the video server dropped this participant's session: its media are gone */
  | { type: 'MeetingMediaLost'; meetingId: string; reason: string };

/** one participant in `GET /services/chats/meetings/<id>` */
export interface MeetingParticipantView {
  userId: string;
  name: string;
  videoStreamOn: boolean;
  screenStreamOn: boolean;
}
