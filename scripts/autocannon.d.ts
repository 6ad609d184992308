// The few parts of autocannon (a dev tool, no bundled types) that scripts/bench-viewer.ts uses.
declare module 'autocannon' {
  interface Client {
    on(event: 'response', listener: (status: number, bytes: number, responseTime: number) => void): void;
  }
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    setupClient?: (client: Client) => void;
  }
  interface Result {
    requests: { average: number };
    non2xx: number;
    errors: number;
  }
  export default function autocannon(options: Options): Promise<Result>;
}
