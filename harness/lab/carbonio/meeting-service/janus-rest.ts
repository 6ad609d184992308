/**
 * Janus's HTTP API as Carbonio's meeting service uses it: every request carries the api_secret; a plugin
 * request is answered at once (`success`) or acknowledged and answered later as an event with the same
 * transaction. Carbonio reads those later answers from Janus's RabbitMQ event handler; here each session
 * long-polls `GET /janus/<session>` for them, which Janus's HTTP transport offers for exactly that.
 * Unsolicited events (a renegotiation offer, talking, hang-ups) go to the handle's listener.
 */
import { randomBytes } from 'node:crypto';

/** An error answered by Janus or one of its plugins, with its code and reason as Janus wrote them. */
export class JanusError extends Error {
  readonly code: number;

  constructor(code: number, reason: string, what: string) {
    super(`${what}: ${reason} (Janus error ${code})`);
    this.code = code;
  }
}

export interface Jsep {
  type: 'offer' | 'answer';
  sdp: string;
}

export interface JanusEvent {
  janus: string;
  sender?: number;
  transaction?: string;
  plugindata?: { plugin: string; data: Record<string, unknown> };
  jsep?: Jsep;
  reason?: string;
  error?: { code: number; reason: string };
}

export interface PluginAnswer {
  data: Record<string, unknown>;
  jsep?: Jsep;
}

type Listener = (event: JanusEvent) => void;

const REQUEST_TIMEOUT_MS = 15_000;
const transaction = (): string => randomBytes(8).toString('hex');

/** a plugin's own error (error_code and error in its data) as a JanusError */
function pluginError(data: Record<string, unknown>, what: string): JanusError | null {
  if (data.error_code === undefined && data.error === undefined) return null;
  return new JanusError(Number(data.error_code ?? 0), String(data.error ?? 'unknown plugin error'), what);
}

export class JanusRest {
  /** @param secret read when a session is created, so a changed secret applies to the next meeting or participant */
  constructor(
    private readonly base: string,
    private readonly secret: () => string,
  ) {}

  async post(path: string, body: Record<string, unknown>, secret: string, what: string): Promise<JanusEvent> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...body, transaction: body.transaction ?? transaction(), apisecret: secret }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new Error(`${what}: the video server did not answer (${(error as Error).message})`);
    }
    const answer = (await response.json().catch(() => ({ janus: 'error', error: { code: response.status, reason: `HTTP ${response.status}` } }))) as JanusEvent;
    if (answer.janus === 'error') throw new JanusError(answer.error?.code ?? 0, answer.error?.reason ?? 'unknown error', what);
    return answer;
  }

  async createSession(): Promise<JanusSession> {
    const secret = this.secret();
    const answer = (await this.post('', { janus: 'create' }, secret, 'creating a video-server session')) as JanusEvent & { data?: { id: number } };
    const id = answer.data?.id;
    if (typeof id !== 'number') throw new Error('creating a video-server session: Janus answered without a session id');
    return new JanusSession(this, id, secret);
  }

  longPollUrl(sessionId: number, secret: string): string {
    return `${this.base}/${sessionId}?maxev=10&apisecret=${encodeURIComponent(secret)}`;
  }
}

export class JanusSession {
  private readonly pending = new Map<string, { resolve(event: JanusEvent): void; reject(error: Error): void; timer: NodeJS.Timeout }>();
  private readonly listeners = new Map<number, Listener>();
  private readonly poll = new AbortController();
  private closed = false;
  /** called once when the session is gone (destroyed, or Janus stopped answering) */
  onLost: (reason: string) => void = () => undefined;

  constructor(
    private readonly rest: JanusRest,
    readonly id: number,
    private readonly secret: string,
  ) {
    void this.longPoll();
  }

  async attach(plugin: string, listener: Listener = () => undefined): Promise<JanusHandle> {
    const answer = (await this.rest.post(`/${this.id}`, { janus: 'attach', plugin }, this.secret, `attaching ${plugin}`)) as JanusEvent & {
      data?: { id: number };
    };
    const id = answer.data?.id;
    if (typeof id !== 'number') throw new Error(`attaching ${plugin}: Janus answered without a handle id`);
    this.listeners.set(id, listener);
    return new JanusHandle(this, id, plugin);
  }

  /** a plugin request; waits for the asynchronous answer when Janus only acknowledges it */
  async message(handleId: number, body: Record<string, unknown>, jsep: Jsep | undefined, what: string): Promise<PluginAnswer> {
    const tx = transaction();
    const later = new Promise<JanusEvent>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(tx);
        reject(new Error(`${what}: no answer from the video server within ${REQUEST_TIMEOUT_MS} ms`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(tx, { resolve, reject, timer });
    });
    later.catch(() => undefined);
    let now: JanusEvent;
    try {
      now = await this.rest.post(`/${this.id}/${handleId}`, { janus: 'message', body, ...(jsep ? { jsep } : {}), transaction: tx }, this.secret, what);
    } catch (error) {
      this.settle(tx);
      throw error;
    }
    const event = now.janus === 'ack' ? await later : (this.settle(tx), now);
    const data = event.plugindata?.data ?? {};
    const failed = pluginError(data, what);
    if (failed) throw failed;
    return { data, ...(event.jsep ? { jsep: event.jsep } : {}) };
  }

  async detach(handleId: number): Promise<void> {
    this.listeners.delete(handleId);
    await this.rest.post(`/${this.id}/${handleId}`, { janus: 'detach' }, this.secret, 'detaching a handle').catch(() => undefined);
  }

  async destroy(): Promise<void> {
    if (this.closed) return;
    this.close('destroyed');
    await this.rest.post(`/${this.id}`, { janus: 'destroy' }, this.secret, 'destroying a session').catch(() => undefined);
  }

  private settle(tx: string): { resolve(event: JanusEvent): void } | undefined {
    const waiting = this.pending.get(tx);
    if (waiting) {
      clearTimeout(waiting.timer);
      this.pending.delete(tx);
    }
    return waiting;
  }

  private close(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.poll.abort();
    for (const [tx, waiting] of this.pending) {
      this.settle(tx);
      waiting.reject(new Error(`the video-server session ended (${reason})`));
    }
    this.onLost(reason);
  }

  private dispatch(event: JanusEvent): void {
    const waiting = event.transaction ? this.settle(event.transaction) : undefined;
    if (waiting) waiting.resolve(event);
    else if (event.sender !== undefined) this.listeners.get(event.sender)?.(event);
  }

  private async longPoll(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      try {
        const response = await fetch(this.rest.longPollUrl(this.id, this.secret), { signal: this.poll.signal });
        const body = (await response.json()) as JanusEvent | JanusEvent[];
        failures = 0;
        for (const event of Array.isArray(body) ? body : [body]) {
          if (event.janus === 'error') return this.close(`Janus: ${event.error?.reason ?? 'error'}`);
          this.dispatch(event);
        }
      } catch (error) {
        if (this.closed) return;
        failures += 1;
        if (failures >= 3) return this.close(`the video server stopped answering (${(error as Error).message})`);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    }
  }
}

export class JanusHandle {
  constructor(
    readonly session: JanusSession,
    readonly id: number,
    readonly plugin: string,
  ) {}

  message(body: Record<string, unknown>, what: string, jsep?: Jsep): Promise<PluginAnswer> {
    return this.session.message(this.id, body, jsep, what);
  }

  detach(): Promise<void> {
    return this.session.detach(this.id);
  }
}
