/**
 * A collector measures one thing while a trial runs, as Lighthouse's gatherers do: it is started when the
 * measurement window opens, read once a second, and stopped when the window closes, and it hands back
 * what it measured. Collectors never throw into the trial: `guard` catches what goes wrong in one, keeps
 * the trial going, and the trial records the collector's error beside its data.
 */
export interface Collector<Result> {
  /** how reports name it, e.g. "runner CPU" */
  readonly name: string;
  /** the measurement window opens (after the warm-up) */
  start(): Promise<void> | void;
  /** second `t` of the window, 1 to durationS */
  sample(t: number): Promise<void> | void;
  /** the window closed, or the trial was cut short */
  stop(): Promise<Result> | Result;
}

/** what a guarded collector hands back: its data (null when it has none) and the first error it met */
export interface Collected<Result> {
  value: Result | null;
  error: string | null;
}

export interface GuardedCollector<Result> {
  readonly name: string;
  start(): Promise<void>;
  sample(t: number): Promise<void>;
  stop(): Promise<Collected<Result>>;
}

const message = (error: unknown): string => (error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error));

/** the collector with every call caught: an error is remembered (the first one, with where it happened), never thrown */
export function guard<Result>(collector: Collector<Result>): GuardedCollector<Result> {
  let error: string | null = null;
  const note = (where: string, caught: unknown): void => {
    error ??= `${collector.name}: ${where}: ${message(caught)}`;
  };
  return {
    name: collector.name,
    async start() {
      try {
        await collector.start();
      } catch (caught) {
        note('start', caught);
      }
    },
    async sample(t) {
      try {
        await collector.sample(t);
      } catch (caught) {
        note(`second ${t}`, caught);
      }
    },
    async stop() {
      try {
        return { value: await collector.stop(), error };
      } catch (caught) {
        note('stop', caught);
        return { value: null, error };
      }
    },
  };
}

/** the errors of several collectors' results, for the trial record */
export function collectorErrors(results: Array<Collected<unknown>>): string[] {
  return results.map((r) => r.error).filter((e): e is string => e !== null);
}
