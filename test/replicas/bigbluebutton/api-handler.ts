/**
 * BigBlueButton replica, server side: the API calls create, join and enter, with the checksum verified for
 * real (api.md: hex(HASH(callName + queryString + secret)), query string as sent minus the checksum; the
 * algorithm from the checksum's length, limited to MB_REPLICA_BBB_ALGORITHMS, default all four). The secret
 * is MB_REPLICA_BBB_SECRET. join redirects to the HTML5 client with a session token (2.x path).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { ReplicaRequest } from '../replica-server.ts';

const LENGTHS: Record<number, string> = { 40: 'sha1', 64: 'sha256', 96: 'sha384', 128: 'sha512' };
const meetings = new Map<string, { name: string; attendeePW: string; moderatorPW: string }>();
const sessions = new Map<string, { meetingID: string; fullName: string; role: string; userdata: Record<string, string> }>();

function xml(r: ReplicaRequest, fields: Record<string, string>): void {
  const body = Object.entries(fields)
    .map(([k, v]) => `<${k}>${v.replace(/[<&>]/g, (c) => `&#${c.charCodeAt(0)};`)}</${k}>`)
    .join('');
  r.res.writeHead(200, { 'content-type': 'text/xml' }).end(`<response>${body}</response>`);
}

const failed = (r: ReplicaRequest, key: string, message: string): void => xml(r, { returncode: 'FAILED', messageKey: key, message });

/** The query exactly as sent, without `&checksum=…`, and whether the checksum matches it. */
export function verifyChecksum(call: string, rawQuery: string, secret: string, allowed: string[]): boolean {
  const match = /(^|&)checksum=([0-9a-fA-F]+)$/.exec(rawQuery);
  if (!match) return false;
  const checksum = match[2]!.toLowerCase();
  const algorithm = LENGTHS[checksum.length];
  if (!algorithm || !allowed.includes(algorithm)) return false;
  const query = rawQuery.slice(0, match.index);
  return (
    createHash(algorithm)
      .update(call + query + secret)
      .digest('hex') === checksum
  );
}

export function handleBbb(r: ReplicaRequest): void {
  const p = r.url.pathname;
  const api = /^\/bigbluebutton\/api\/(create|join|enter)$/.exec(p);
  if (p.startsWith('/html5client/')) return r.sendPage('index.html');
  if (!api) {
    r.res.writeHead(404).end();
    return;
  }
  const call = api[1]!;
  const q = r.url.searchParams;
  if (call === 'enter') {
    const session = sessions.get(q.get('sessionToken') ?? '');
    if (!session) return r.json(200, { response: { returncode: 'FAILED', messageKey: 'missingSession', message: 'Invalid session token' } });
    return r.json(200, {
      response: { returncode: 'SUCCESS', fullname: session.fullName, meetingID: session.meetingID, role: session.role, customdata: [session.userdata] },
    });
  }
  const secret = process.env.MB_REPLICA_BBB_SECRET ?? '';
  const allowed = (process.env.MB_REPLICA_BBB_ALGORITHMS ?? 'sha1,sha256,sha384,sha512').split(',');
  const rawQuery = (r.req.url ?? '').split('?')[1] ?? '';
  if (!secret || !verifyChecksum(call, rawQuery, secret, allowed)) return failed(r, 'checksumError', 'Checksums do not match');
  const meetingID = q.get('meetingID') ?? '';
  if (call === 'create') {
    if (!q.get('name')) return failed(r, 'missingParamName', 'You must specify a name for the meeting.');
    if (meetingID.length < 2 || meetingID.includes(',')) return failed(r, 'invalidMeetingId', 'meetingID must be 2 to 256 characters without commas');
    if (!meetings.has(meetingID))
      meetings.set(meetingID, { name: q.get('name')!, attendeePW: q.get('attendeePW') ?? 'ap', moderatorPW: q.get('moderatorPW') ?? 'mp' });
    const m = meetings.get(meetingID)!;
    return xml(r, { returncode: 'SUCCESS', meetingID, attendeePW: m.attendeePW, moderatorPW: m.moderatorPW, messageKey: '', message: '' });
  }
  const meeting = meetings.get(meetingID);
  if (!meeting) return failed(r, 'notFound', 'We could not find a meeting with that meeting ID - perhaps the meeting is not yet running?');
  const password = q.get('password');
  const role = q.get('role') ?? (password === meeting.moderatorPW ? 'MODERATOR' : password === meeting.attendeePW ? 'VIEWER' : '');
  if (!role)
    return failed(
      r,
      'invalidPassword',
      'You either did not supply a password or the password supplied is neither the attendee or moderator password for this conference.',
    );
  const token = randomBytes(8).toString('hex');
  const userdata = Object.fromEntries([...q.entries()].filter(([k]) => k.startsWith('userdata-')));
  sessions.set(token, { meetingID, fullName: q.get('fullName') ?? 'guest', role, userdata });
  r.res.writeHead(302, { location: `/html5client/join?sessionToken=${token}`, 'set-cookie': `JSESSIONID=${token}; Path=/; HttpOnly` }).end();
}
