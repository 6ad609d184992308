/**
 * The page's events WebSocket (`/services/chats/events`): opened before anything else, since Carbonio's
 * "Enter" stays disabled until it is up; meeting events are handed to whoever listens for their type.
 */
import type { MeetingEvent } from '../meeting-events.ts';

type Listener = (event: MeetingEvent) => void;

export class EventsSocket {
  private readonly listeners: Listener[] = [];
  readonly ready: Promise<void>;
  /** called when the socket closes after it was open (the meeting service went away) */
  onLost: () => void = () => undefined;

  constructor() {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/services/chats/events`);
    this.ready = new Promise((resolve, reject) => {
      ws.addEventListener('open', () => resolve());
      ws.addEventListener('error', () => reject(new Error('the events WebSocket could not open')));
    });
    ws.addEventListener('message', (message) => {
      const event = JSON.parse(String(message.data)) as MeetingEvent;
      for (const listener of this.listeners) listener(event);
    });
    ws.addEventListener(
      'close',
      () =>
        void this.ready.then(
          () => this.onLost(),
          () => undefined,
        ),
    );
  }

  on(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** the next event that matches, e.g. the answer to an offer just sent */
  next<T extends MeetingEvent>(match: (event: MeetingEvent) => event is T, what: string, timeoutMs = 15_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        reject(new Error(`no ${what} from the meeting service within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      const listener: Listener = (event) => {
        if (!match(event)) return;
        clearTimeout(timer);
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        resolve(event);
      };
      this.listeners.push(listener);
    });
  }
}
