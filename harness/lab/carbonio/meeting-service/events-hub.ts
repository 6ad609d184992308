/**
 * The meeting service's WebSocket (`/services/chats/events`, as Carbonio's): each signed-in page opens one,
 * and meeting events for its user go down it. When a user's last socket closes (the page was closed, the
 * browser died), the user leaves its meetings, as a participant whose client went away.
 */
import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { MeetingEvent } from '../meeting-events.ts';
import type { LabMembers } from './lab-members.ts';

export const EVENTS_PATH = '/services/chats/events';

export class EventsHub {
  private readonly sockets = new Map<string, Set<WebSocket>>();
  private readonly server = new WebSocketServer({ noServer: true });

  constructor(
    http: Server,
    members: LabMembers,
    private readonly onGone: (userId: string) => void,
  ) {
    http.on('upgrade', (req: IncomingMessage, socket, head) => {
      const user = new URL(req.url ?? '/', 'http://lab').pathname === EVENTS_PATH ? members.fromCookie(req.headers.cookie) : null;
      if (!user) {
        socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
        return;
      }
      this.server.handleUpgrade(req, socket, head, (ws) => this.add(user.id, ws));
    });
  }

  private add(userId: string, ws: WebSocket): void {
    const set = this.sockets.get(userId) ?? new Set<WebSocket>();
    set.add(ws);
    this.sockets.set(userId, set);
    ws.on('error', () => undefined);
    ws.on('close', () => {
      set.delete(ws);
      if (set.size > 0) return;
      this.sockets.delete(userId);
      this.onGone(userId);
    });
  }

  toUser(userId: string, event: MeetingEvent): void {
    const text = JSON.stringify(event);
    for (const ws of this.sockets.get(userId) ?? []) ws.send(text);
  }

  close(): void {
    for (const set of this.sockets.values()) for (const ws of set) ws.terminate();
    this.server.close();
  }
}
