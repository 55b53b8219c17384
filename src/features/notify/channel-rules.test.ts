import { describe, expect, it } from 'vitest';
import {
  isInternalAddress,
  maxDeliveryAttempts,
  nextDeliveryStatus,
  outboxDone,
  signBody,
  timestampFresh,
  verifySignature,
} from './channel-rules';

describe('delivery state machine', () => {
  it.each([
    ['pending', 'sent', 1, 'sent'],
    ['pending', 'skip', 1, 'skipped'],
    ['pending', 'error', 1, 'pending'],
    ['pending', 'error', maxDeliveryAttempts - 1, 'pending'],
    ['pending', 'error', maxDeliveryAttempts, 'failed'],
  ] as const)('%s + %s (attempt %i) → %s', (from, event, attempts, to) => {
    expect(nextDeliveryStatus(from, event, attempts)).toBe(to);
  });

  it.each(['sent', 'skipped', 'failed'] as const)('a %s delivery never changes (no resend)', (from) => {
    expect(() => nextDeliveryStatus(from, 'sent', 1)).toThrow();
    expect(() => nextDeliveryStatus(from, 'error', 1)).toThrow();
  });

  it('an outbox row is done only when every delivery is final', () => {
    expect(outboxDone([])).toBe(true);
    expect(outboxDone([{ status: 'sent' }, { status: 'skipped' }, { status: 'failed' }])).toBe(true);
    expect(outboxDone([{ status: 'sent' }, { status: 'pending' }])).toBe(false);
  });
});

describe('webhook signature', () => {
  const body = JSON.stringify({ kind: 'incident.reported', body: '孩子受了轻伤' });

  it('is the HMAC-SHA256 of the body (a known vector)', () => {
    // Python: hmac.new(b'key', b'The quick brown fox jumps over the lazy dog', 'sha256').hexdigest()
    expect(signBody('The quick brown fox jumps over the lazy dog', 'key')).toBe(
      'sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8',
    );
  });

  it('verifies with the right secret only, and not a changed body', () => {
    const sig = signBody(body, 'secret-one-0123456789');
    expect(verifySignature(body, 'secret-one-0123456789', sig)).toBe(true);
    expect(verifySignature(body, 'secret-two-0123456789', sig)).toBe(false);
    expect(verifySignature(`${body} `, 'secret-one-0123456789', sig)).toBe(false);
    expect(verifySignature(body, 'secret-one-0123456789', undefined)).toBe(false);
    expect(verifySignature(body, 'secret-one-0123456789', 'sha256=00')).toBe(false);
  });

  it('accepts timestamps within the skew only', () => {
    const now = Date.parse('2026-09-01T08:00:00Z');
    expect(timestampFresh(String(now / 1000 - 60), now)).toBe(true);
    expect(timestampFresh(String(now / 1000 - 600), now)).toBe(false);
    expect(timestampFresh('abc', now)).toBe(false);
  });
});

describe('webhook address guard', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
  ])('%s is internal', (a) => expect(isInternalAddress(a)).toBe(true));
  it.each(['8.8.8.8', '172.32.0.1', '100.128.0.1', '203.0.113.9', '2001:db8::1', '240e:1::1'])(
    '%s is public',
    (a) => expect(isInternalAddress(a)).toBe(false),
  );
});
