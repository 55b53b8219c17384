// DAY-1 offline: a roll call saved without a connection stays on the phone (localStorage) with the
// Idempotency-Key made when the teacher pressed save and the phone's time of marking; it is sent
// when the browser says it is back online or the teacher taps retry. The key makes a send that
// did reach the server before the connection dropped come back as the same answer, never a second
// version.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../../app/api';
import { newIdempotencyKey } from '../enrolment/idempotency';

export interface PendingRoll {
  /** schoolId|tempClassId|date: one pending roll per class and day (a later save replaces it). */
  id: string;
  url: string;
  key: string;
  className: string;
  body: {
    markedAt: string;
    marks: { studentId: string; status: string; note?: string }[];
    baseVersion: number | null;
  };
}

const storageKey = 'kehou.daily.pendingRolls';
const listeners = new Set<() => void>();

export function pendingRolls(): PendingRoll[] {
  try {
    return JSON.parse(localStorage.getItem(storageKey) ?? '[]') as PendingRoll[];
  } catch {
    return [];
  }
}

function write(list: PendingRoll[]) {
  localStorage.setItem(storageKey, JSON.stringify(list));
  for (const l of listeners) l();
}

export function newPendingRoll(
  schoolId: string,
  tempClassId: string,
  date: string,
  url: string,
  className: string,
  body: Omit<PendingRoll['body'], 'markedAt'>,
): PendingRoll {
  return {
    id: `${schoolId}|${tempClassId}|${date}`,
    url,
    key: newIdempotencyKey(),
    className,
    body: { ...body, markedAt: new Date().toISOString() },
  };
}

export function keepRoll(roll: PendingRoll) {
  write([...pendingRolls().filter((r) => r.id !== roll.id), roll]);
}

export function dropRoll(id: string) {
  write(pendingRolls().filter((r) => r.id !== id));
}

export type SendOutcome<T> =
  | { ok: true; answer: T }
  | { ok: false; offline: true }
  | { ok: false; error: ApiError };

/**
 * Sends a kept roll. An answer from the server (saved or refused) ends its life on the phone; a
 * network failure or a server error (5xx) keeps it for the next try.
 */
export async function sendRoll<T>(roll: PendingRoll): Promise<SendOutcome<T>> {
  try {
    const answer = await api<T>('PUT', roll.url, roll.body, { 'idempotency-key': roll.key });
    dropRoll(roll.id);
    return { ok: true, answer };
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) {
      dropRoll(roll.id);
      return { ok: false, error: e };
    }
    return { ok: false, offline: true };
  }
}

/**
 * The rolls waiting on this phone; sends them all when the connection returns. A roll the server
 * refuses (e.g. someone corrected it meanwhile) is reported through `onRefused`, never dropped
 * silently.
 */
export function usePendingRolls(
  onSent?: () => void,
  onRefused?: (roll: PendingRoll, error: ApiError) => void,
) {
  const [list, setList] = useState(pendingRolls);
  useEffect(() => {
    const update = () => setList(pendingRolls());
    listeners.add(update);
    window.addEventListener('storage', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('storage', update);
    };
  }, []);
  const flush = useCallback(async () => {
    let sent = false;
    for (const roll of pendingRolls()) {
      const outcome = await sendRoll(roll);
      if (outcome.ok) sent = true;
      else if ('error' in outcome) onRefused?.(roll, outcome.error);
    }
    if (sent) onSent?.();
  }, [onSent, onRefused]);
  useEffect(() => {
    window.addEventListener('online', flush);
    if (navigator.onLine && pendingRolls().length) void flush();
    return () => window.removeEventListener('online', flush);
  }, [flush]);
  return { pending: list, flush };
}
