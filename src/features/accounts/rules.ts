// Rules for signing in: lockouts after repeated failures, and the one-time codes parents receive.

export interface LockLimits {
  maxFailuresPerAccount: number;
  maxFailuresPerAddress: number;
  windowMinutes: number;
}

/**
 * Failures are counted in a sliding window, per account and per address. Locked while either count
 * has reached its limit; the lock lifts when the oldest counted failure leaves the window.
 */
export function loginLock(
  accountFailures: string[],
  addressFailures: string[],
  limits: LockLimits,
  now: Date,
): { locked: boolean; retryAfterMinutes: number } {
  const windowMs = limits.windowMinutes * 60_000;
  const since = now.getTime() - windowMs;
  const recent = (list: string[]) =>
    list
      .map((t) => Date.parse(t))
      .filter((t) => t > since)
      .sort((a, b) => a - b);
  const account = recent(accountFailures);
  const address = recent(addressFailures);
  const unlockAt = (list: number[], max: number) =>
    list.length >= max ? (list[list.length - max] as number) + windowMs : Number.NEGATIVE_INFINITY;
  const until = Math.max(
    unlockAt(account, limits.maxFailuresPerAccount),
    unlockAt(address, limits.maxFailuresPerAddress),
  );
  if (until <= now.getTime()) return { locked: false, retryAfterMinutes: 0 };
  return { locked: true, retryAfterMinutes: Math.max(1, Math.ceil((until - now.getTime()) / 60_000)) };
}

/** Whether what was typed in the account box is a phone number (else it is a username). */
export function looksLikePhone(account: string): boolean {
  return /^1\d{10}$/.test(account.replace(/[\s-]/g, ''));
}

/** Letters and digits that cannot be misread on a printed slip (no 0/O, 1/I/L). */
export const setupCodeAlphabet = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const setupCodeLength = 8;

/** Codes are typed by hand: case and spaces are forgiven. */
export function normaliseSetupCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}

export function codeFromRandomBytes(bytes: Uint8Array): string {
  let code = '';
  for (const b of bytes) {
    if (code.length === setupCodeLength) break;
    // 248 = 8 × 31: rejecting larger bytes keeps every letter equally likely.
    if (b < 248) code += setupCodeAlphabet[b % setupCodeAlphabet.length];
  }
  return code;
}
