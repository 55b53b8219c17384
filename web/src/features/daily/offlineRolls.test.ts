// rule DAY-1 offline: a roll kept on the phone is sent with the key made when the teacher pressed
// save, as often as needed, and leaves the phone only when the server has answered.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dropRoll, keepRoll, newPendingRoll, pendingRolls, sendRoll } from './offlineRolls';

const store = new Map<string, string>();
const requests: { url: string; key: string | undefined; body: string }[] = [];

beforeEach(() => {
  store.clear();
  requests.length = 0;
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => store.set(k, v),
    removeItem: (k: string) => store.delete(k),
  });
});
afterEach(() => vi.unstubAllGlobals());

function answer(outcomes: (() => Response)[]) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const headers = init.headers as Record<string, string>;
      requests.push({ url, key: headers['idempotency-key'], body: String(init.body) });
      const next = outcomes.shift();
      if (!next) throw new TypeError('Failed to fetch');
      return next();
    }),
  );
}

const roll = () =>
  newPendingRoll('s', 'c', '2026-09-01', '/api/v1/x/roll-call', '看护一班', {
    marks: [{ studentId: 'a', status: 'present' }],
    baseVersion: 0,
  });

describe('offline roll queue', () => {
  it('keeps a roll through a network failure and resends it with the same key and phone time', async () => {
    const r = roll();
    keepRoll(r);
    answer([]);
    expect(await sendRoll(r)).toEqual({ ok: false, offline: true });
    expect(pendingRolls()).toHaveLength(1);
    answer([() => new Response(JSON.stringify({ version: 1 }), { status: 201 })]);
    const sent = await sendRoll(pendingRolls()[0]!);
    expect(sent).toEqual({ ok: true, answer: { version: 1 } });
    expect(pendingRolls()).toHaveLength(0);
    expect(requests.map((q) => q.key)).toEqual([r.key, r.key]);
    expect(new Set(requests.map((q) => q.body)).size).toBe(1);
    expect(JSON.parse(requests[0]!.body).markedAt).toBe(r.body.markedAt);
  });

  it('keeps a roll after a server error, drops it after a refusal', async () => {
    const r = roll();
    keepRoll(r);
    answer([() => new Response('{}', { status: 503 })]);
    expect(await sendRoll(r)).toEqual({ ok: false, offline: true });
    expect(pendingRolls()).toHaveLength(1);
    answer([
      () => new Response(JSON.stringify({ code: 'ROLL_CHANGED_MEANWHILE', message: 'x' }), { status: 409 }),
    ]);
    const refused = await sendRoll(r);
    expect(refused.ok).toBe(false);
    expect('error' in refused && refused.error.code).toBe('ROLL_CHANGED_MEANWHILE');
    expect(pendingRolls()).toHaveLength(0);
  });

  it('keeps one pending roll per class and day, the latest save', () => {
    const first = roll();
    const second = roll();
    keepRoll(first);
    keepRoll(second);
    expect(pendingRolls().map((p) => p.key)).toEqual([second.key]);
    expect(first.key).not.toBe(second.key);
    dropRoll(second.id);
    expect(pendingRolls()).toEqual([]);
  });
});
