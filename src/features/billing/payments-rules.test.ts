// The receipt's amount in capitals and the signed notification: table tests and properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacNotificationProvider } from './payments-provider';
import {
  amountInWords,
  checkNotification,
  documentNo,
  maxWordsFen,
  parseAmountWords,
  signNotification,
} from './payments-rules';

describe('amountInWords (大写金额 on the receipt)', () => {
  it.each([
    [0, '零元整'],
    [5, '伍分'],
    [50, '伍角整'],
    [81_000, '捌佰壹拾元整'],
    [40_500, '肆佰零伍元整'],
    [40_550, '肆佰零伍元伍角整'],
    [100_203, '壹仟零贰元零叁分'],
    [18_000, '壹佰捌拾元整'],
    [1_000, '壹拾元整'],
    [1_000_000, '壹万元整'],
    [1_005_000, '壹万零伍拾元整'],
    [100_100_000, '壹佰万壹仟元整'],
    [10_000_000_100, '壹亿零壹元整'],
    [10_001_000_000, '壹亿零壹万元整'],
    [11_000_000_000, '壹亿壹仟万元整'],
    [12_345_678_912, '壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分'],
    [maxWordsFen, '玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
  ])('%d fen → %s', (fen, words) => {
    expect(amountInWords(fen)).toBe(words);
  });

  it('refuses what is not whole fen in range', () => {
    expect(() => amountInWords(-1)).toThrow(RangeError);
    expect(() => amountInWords(1.5)).toThrow(RangeError);
    expect(() => amountInWords(maxWordsFen + 1)).toThrow(RangeError);
  });

  it('reads back to the same amount, never has two 零 together, and ends in 整 or 分 (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: maxWordsFen }), (fen) => {
        const words = amountInWords(fen);
        expect(parseAmountWords(words)).toBe(fen);
        expect(words).not.toContain('零零');
        expect(/[整分]$/.test(words)).toBe(true);
        expect(words.startsWith('零') && fen >= 100).toBe(false);
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);

  it('small amounts, where the zeros are most varied, read back too (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), (fen) => {
        expect(parseAmountWords(amountInWords(fen))).toBe(fen);
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);
});

describe('documentNo', () => {
  it('pads the running number', () => {
    expect(documentNo('B', '2026', 123)).toBe('B2026-000123');
    expect(documentNo('R', '2027', 1)).toBe('R2027-000001');
  });
});

describe('the signed notification', () => {
  const secret = 'a-school-secret-0123456789';
  const now = Date.parse('2026-09-01T08:00:00Z');
  const ts = String(now / 1000);

  it('accepts a fresh notification signed over timestamp.body', () => {
    const body = '{"a":1}';
    expect(checkNotification(body, ts, signNotification(body, ts, secret), secret, now)).toBe('ok');
  });

  it('refuses another secret, another body, another timestamp, no secret, and a stale time', () => {
    const body = '{"a":1}';
    const sig = signNotification(body, ts, secret);
    expect(checkNotification(body, ts, sig, 'another-secret-0123456789', now)).toBe('bad_signature');
    expect(checkNotification('{"a":2}', ts, sig, secret, now)).toBe('bad_signature');
    expect(checkNotification(body, String(now / 1000 + 1), sig, secret, now)).toBe('bad_signature');
    expect(checkNotification(body, ts, sig, null, now)).toBe('bad_signature');
    expect(checkNotification(body, ts, undefined, secret, now)).toBe('bad_signature');
    expect(checkNotification(body, ts, sig, secret, now + 301_000)).toBe('stale');
    expect(checkNotification(body, ts, sig, secret, now + 300_000)).toBe('ok');
  });

  it('a signature verifies only the exact bytes signed (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        const sig = signNotification(a, ts, secret);
        expect(checkNotification(b, ts, sig, secret, now)).toBe(a === b ? 'ok' : 'bad_signature');
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);

  it('the HMAC adapter reads a valid body and names what is wrong with an invalid one', () => {
    const good = JSON.stringify({
      schoolId: 's',
      termId: 't',
      studentId: 'p',
      transactionId: 'TX',
      amountFen: 100,
    });
    const headers = (raw: string) => ({
      'x-kehou-timestamp': ts,
      'x-kehou-signature': signNotification(raw, ts, secret),
    });
    const ok = hmacNotificationProvider.parseNotification(good, headers(good), secret, now);
    expect(ok).toMatchObject({ outcome: 'ok', body: { stream: 'service', amountFen: 100 } });
    const bad = good.replace('100', '-1');
    expect(hmacNotificationProvider.parseNotification(bad, headers(bad), secret, now).outcome).toBe(
      'invalid',
    );
    const order = hmacNotificationProvider.createOrder(
      {
        schoolId: 's',
        termId: 't',
        studentId: 'p',
        stream: 'service',
        amountFen: 100,
        orderRef: 'O1',
        timestamp: 1,
      },
      secret,
    );
    expect(order.signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(JSON.parse(order.payload).amountFen).toBe(100);
  });
});
