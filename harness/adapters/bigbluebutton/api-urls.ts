/**
 * The create and join calls a participant needs. `create` is idempotent for identical parameters, so every
 * participant may call it; `join` is opened in the participant's own browser (it sets BBB's session cookie
 * and redirects to the HTML5 client).
 */
import { signedUrl, type ChecksumAlgorithm } from './checksum.ts';

export interface BbbCallInput {
  base: string;
  secret: string;
  algorithm: ChecksumAlgorithm;
  meetingId: string;
  meetingName: string;
  fullName: string;
  moderator: boolean;
  credentials: 'role' | 'password';
  moderatorPassword: string;
  attendeePassword: string;
  sender: boolean;
  skipModals: boolean;
  createParams: Record<string, string>;
  joinParams: Record<string, string>;
}

export function apiBase(base: string): string {
  const trimmed = base.replace(/\/+$/, '');
  if (trimmed.endsWith('/bigbluebutton/api')) return trimmed;
  if (trimmed.endsWith('/bigbluebutton')) return `${trimmed}/api`;
  return `${trimmed}/bigbluebutton/api`;
}

export function createUrl(input: BbbCallInput): string {
  const params: Array<[string, string]> = [
    ['name', input.meetingName],
    ['meetingID', input.meetingId],
    ['attendeePW', input.attendeePassword],
    ['moderatorPW', input.moderatorPassword],
    ...Object.entries(input.createParams),
  ];
  return signedUrl(apiBase(input.base), 'create', params, input.secret, input.algorithm);
}

/** Join parameters that skip the echo test and the video preview (customize.md "userdata" table). */
export function skipModalParams(sender: boolean): Array<[string, string]> {
  const audio: Array<[string, string]> = sender
    ? [
        ['userdata-bbb_auto_join_audio', 'true'],
        ['userdata-bbb_listen_only_mode', 'false'],
        ['userdata-bbb_skip_check_audio', 'true'],
        ['userdata-bbb_skip_check_audio_on_first_join', 'true'],
      ]
    : [
        ['userdata-bbb_auto_join_audio', 'true'],
        ['userdata-bbb_force_listen_only', 'true'],
      ];
  const video: Array<[string, string]> = sender
    ? [
        ['userdata-bbb_auto_share_webcam', 'true'],
        ['userdata-bbb_skip_video_preview', 'true'],
        ['userdata-bbb_skip_video_preview_on_first_join', 'true'],
      ]
    : [];
  return [...audio, ...video, ['userdata-bbb_show_session_details_on_join', 'false']];
}

export function joinUrl(input: BbbCallInput): string {
  const credentials: Array<[string, string]> =
    input.credentials === 'role'
      ? [['role', input.moderator ? 'MODERATOR' : 'VIEWER']]
      : [['password', input.moderator ? input.moderatorPassword : input.attendeePassword]];
  const params: Array<[string, string]> = [
    ['fullName', input.fullName],
    ['meetingID', input.meetingId],
    ...credentials,
    ...(input.skipModals ? skipModalParams(input.sender) : []),
    ...Object.entries(input.joinParams),
  ];
  return signedUrl(apiBase(input.base), 'join', params, input.secret, input.algorithm);
}

/** A URL safe to print: no checksum (and so nothing derived from the secret). */
export function redactChecksum(url: string): string {
  return url.replace(/checksum=[0-9a-f]+/i, 'checksum=***');
}
