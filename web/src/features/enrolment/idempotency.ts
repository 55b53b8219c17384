// One Idempotency-Key per form: a double tap or a retry after a lost answer sends the same key, so
// the server does the work once and answers both alike. A new key only once the form is done.
import { useCallback, useRef } from 'react';
import { api } from '../../app/api';

/** 128 random bits as hex; getRandomValues works on plain-http school networks too (randomUUID does not). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function useIdempotentWrite() {
  const key = useRef(newIdempotencyKey());
  const send = useCallback(
    <T>(method: 'POST' | 'PATCH', url: string, body?: unknown) =>
      api<T>(method, url, body ?? {}, { 'idempotency-key': key.current }),
    [],
  );
  /** After a write has succeeded: the next one is a new request. */
  const renew = useCallback(() => {
    key.current = newIdempotencyKey();
  }, []);
  return { send, renew };
}
