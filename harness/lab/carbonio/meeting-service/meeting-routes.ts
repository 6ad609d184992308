/**
 * The meeting REST calls of Carbonio's client, under `/services/chats/` as in carbonio-ws-collaboration-ui
 * (src/network/apis/MeetingsApi.ts; https://github.com/zextras/carbonio-ws-collaboration-ui): start,
 * join, leave, audio offer, audio on/off, media (camera or screen offer), media subscribe, media answer,
 * and the meeting's participants. A call the video server refuses answers 502 with Janus's own reason, so
 * the page can say why (a wrong api_secret reads "Unauthorized request (wrong or missing secret/token)").
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { SAFE_ID, type MediaType } from '../carbonio-rooms.ts';
import type { LabMembers } from './lab-members.ts';
import type { Meeting } from './meeting.ts';
import type { LabUser } from './meeting-participant.ts';

export interface MeetingDirectory {
  meeting(id: string): Meeting;
  existing(id: string): Meeting | undefined;
  /** the user leaves the meeting; a meeting nobody is in any more ends */
  leave(meetingId: string, userId: string): Promise<void>;
  /** the user's page went away: out of every meeting */
  leaveAll(userId: string): Promise<void>;
}

class RouteError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const isMediaType = (v: unknown): v is MediaType => v === 'video' || v === 'screen';

function feedList(value: unknown): Array<{ userId: string; type: MediaType }> {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new RouteError(400, 'subscribe and unsubscribe are lists of {userId, type}');
  return value.map((v: { userId?: unknown; type?: unknown }) => {
    if (typeof v?.userId !== 'string' || !SAFE_ID.test(v.userId) || !isMediaType(v.type))
      throw new RouteError(400, 'each feed is {userId, type: video|screen}');
    return { userId: v.userId, type: v.type };
  });
}

function sdpOf(body: { sdp?: unknown }): string {
  if (typeof body?.sdp !== 'string' || body.sdp.length === 0) throw new RouteError(400, 'sdp is required');
  return body.sdp;
}

export function meetingRoutes(members: LabMembers, meetings: MeetingDirectory): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: '256kb' }));

  type Handler = (req: Request, user: LabUser) => Promise<unknown>;
  const route = (handler: Handler) => async (req: Request, res: Response, next: NextFunction) => {
    try {
      const user = members.fromCookie(req.headers.cookie);
      if (!user) throw new RouteError(401, 'not signed in');
      const meetingId = String(req.params.id ?? '');
      if (req.params.id !== undefined && !SAFE_ID.test(meetingId)) throw new RouteError(400, 'meeting ids are letters, digits, "-" and "_"');
      res.json((await handler(req, user)) ?? {});
    } catch (error) {
      if (error instanceof RouteError) res.status(error.status).json({ error: error.message });
      else if (error instanceof Error) res.status(502).json({ error: `video server: ${error.message}` });
      else next(error);
    }
  };
  const participantOf = (req: Request, user: LabUser) => {
    const participant = meetings.existing(String(req.params.id))?.participants.get(user.id);
    if (!participant) throw new RouteError(404, 'not in this meeting: join it first');
    return participant;
  };

  router.get(
    '/users/me',
    route(async (_req, user) => user),
  );
  router.get(
    '/meetings/:id',
    route(async (req) => ({ id: req.params.id, participants: meetings.existing(String(req.params.id))?.view() ?? [] })),
  );
  router.post(
    '/meetings/:id/start',
    route(async (req) => meetings.meeting(String(req.params.id)).start()),
  );
  router.post(
    '/meetings/:id/join',
    route(async (req, user) => {
      const meeting = meetings.meeting(String(req.params.id));
      await meeting.join(user);
      return { status: 'ACCEPTED' };
    }),
  );
  router.post(
    '/meetings/:id/leave',
    route(async (req, user) => meetings.leave(String(req.params.id), user.id)),
  );
  router.put(
    '/meetings/:id/audio/offer',
    route(async (req, user) => participantOf(req, user).audioOffer(sdpOf(req.body))),
  );
  router.put(
    '/meetings/:id/audio',
    route(async (req, user) => {
      participantOf(req, user);
      await meetings.existing(String(req.params.id))!.setAudio(user.id, req.body?.enabled === true);
    }),
  );
  router.put(
    '/meetings/:id/media',
    route(async (req, user) => {
      const { type, enabled } = req.body ?? {};
      if (!isMediaType(type) || typeof enabled !== 'boolean') throw new RouteError(400, 'media is {type: video|screen, enabled, sdp}');
      // the others learn of a camera or screen when Janus has its connection up (meeting-participant.ts)
      await participantOf(req, user).publish(type, enabled, enabled ? sdpOf(req.body) : undefined);
    }),
  );
  router.put(
    '/meetings/:id/media/subscribe',
    route(async (req, user) => participantOf(req, user).subscribe(feedList(req.body?.subscribe), feedList(req.body?.unsubscribe))),
  );
  router.put(
    '/meetings/:id/media/answer',
    route(async (req, user) => participantOf(req, user).answer(sdpOf(req.body))),
  );
  return router;
}
