// autocannon ships no types; this covers only what the bench uses.
declare module 'autocannon' {
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    /** Seconds a request may wait for its answer before it counts as an error (default 10). */
    timeout?: number;
    /** Stops after this many requests instead of after `duration`. */
    amount?: number;
    requests?: {
      method?: string;
      body?: string;
      setupRequest?: (request: { body?: string; headers?: Record<string, string> }) => object;
      onResponse?: (status: number, body: string) => void;
    }[];
  }
  interface Histogram {
    average: number;
    mean: number;
    p50: number;
    p99: number;
    max: number;
  }
  interface Result {
    requests: Histogram & { total: number };
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
