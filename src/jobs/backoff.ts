// How long a failed job (or a failed delivery) waits before the next attempt: exponential from a
// base, capped, with jitter so a burst of failures does not retry in lockstep. Pure: the caller
// passes the random draw.

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 10_000, maxMs: 60 * 60_000 };

/**
 * Delay after the `attempt`-th failure (1-based): base·2^(attempt−1), capped at max, then scaled by
 * a factor in [0.75, 1.25) from `random` (in [0, 1)), and never above max.
 */
export function backoffMs(attempt: number, random: number, options: BackoffOptions = defaultBackoff): number {
  const n = Math.max(1, Math.floor(attempt));
  // 2^30 is far past any cap; clamping the exponent keeps the number finite.
  const raw = options.baseMs * 2 ** Math.min(n - 1, 30);
  const capped = Math.min(raw, options.maxMs);
  const jitter = 0.75 + 0.5 * Math.min(Math.max(random, 0), 0.999999);
  return Math.min(Math.round(capped * jitter), options.maxMs);
}

/** Whether a job that has failed `attempts` times, of `maxAttempts`, is given up. */
export function isExhausted(attempts: number, maxAttempts: number): boolean {
  return attempts >= maxAttempts;
}
