// Payments, the pure part: the amount in Chinese capital numerals (大写) a receipt must carry, the
// receipt and bill numbers, and the signed notification of an online payment (the same HMAC
// style as the notify webhooks: `sha256=<hex>`, timestamp in a header, 5 minutes of skew).
import { signBody, timestampFresh, verifySignature } from '../notify/channel-rules';

const digits = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const places = ['', '拾', '佰', '仟'];
const sections = ['', '万', '亿'];

/** The largest amount a receipt writes in words: 9999亿9999万9999元9角9分. */
export const maxWordsFen = 1e14 - 1;

/** One group of four digits (0–9999), zeros inside collapsed to one 零, trailing zeros dropped. */
function groupWords(n: number): string {
  let out = '';
  let zero = false;
  for (let p = 3; p >= 0; p--) {
    const d = Math.floor(n / 10 ** p) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += digits[d]! + places[p]!;
  }
  return out;
}

/**
 * 81000 → "捌佰壹拾元整"; 40550 → "肆佰零伍元伍角整"; 100203 → "壹仟零贰元零叁分"; 50 → "伍角整";
 * 0 → "零元整". Whole fen from 0 to `maxWordsFen`.
 */
export function amountInWords(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0 || fen > maxWordsFen)
    throw new RangeError(`amountInWords takes whole fen from 0 to ${maxWordsFen}: ${fen}`);
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  let integer = '';
  if (yuan > 0) {
    const groups = [yuan % 10_000, Math.floor(yuan / 10_000) % 10_000, Math.floor(yuan / 100_000_000)];
    let needZero = false;
    for (let s = 2; s >= 0; s--) {
      const g = groups[s]!;
      if (g === 0) {
        if (integer) needZero = true;
        continue;
      }
      // A group under 1000 after a higher one reads with a 零 (壹万零伍拾), as does one after empty groups.
      if (integer && (needZero || g < 1000)) integer += '零';
      needZero = false;
      integer += groupWords(g) + sections[s]!;
    }
    integer += '元';
  }
  if (jiao === 0 && fenDigit === 0) return `${integer || '零元'}整`;
  let tail = '';
  if (jiao > 0) tail += `${digits[jiao]}角`;
  else if (integer) tail += '零';
  if (fenDigit > 0) tail += `${digits[fenDigit]}分`;
  else tail += '整';
  return integer + tail;
}

/** Reads a capital-numeral amount back to fen (the tests' inverse of amountInWords). */
export function parseAmountWords(words: string): number {
  let total = 0;
  let section = 0;
  let number = 0;
  let fen = 0;
  for (const ch of words) {
    const d = digits.indexOf(ch);
    if (d >= 0) number = d;
    else if (ch === '拾' || ch === '佰' || ch === '仟') {
      section += number * 10 ** places.indexOf(ch);
      number = 0;
    } else if (ch === '万') {
      total += (section + number) * 10_000;
      section = 0;
      number = 0;
    } else if (ch === '亿') {
      total = (total + section + number) * 100_000_000;
      section = 0;
      number = 0;
    } else if (ch === '元') {
      total += section + number;
      section = 0;
      number = 0;
    } else if (ch === '角') {
      fen += number * 10;
      number = 0;
    } else if (ch === '分') {
      fen += number;
      number = 0;
    } else if (ch !== '整') throw new RangeError(`not a capital numeral: ${ch}`);
  }
  return total * 100 + fen;
}

/** "B2026-000123", "R2026-000007": the series letter, a year and the school's running number. */
export function documentNo(series: string, year: string, n: number): string {
  return `${series}${year}-${String(n).padStart(6, '0')}`;
}

// ---- the signed notification of an online payment ----

export const notifySignatureHeader = 'x-kehou-signature';
export const notifyTimestampHeader = 'x-kehou-timestamp';
/** A notification older (or newer) than this is refused: a replay of a captured request. */
export const notifySkewSeconds = 300;

/** What is signed: the timestamp, a dot and the exact body bytes (so the timestamp cannot be swapped). */
export const signedText = (timestamp: string, rawBody: string) => `${timestamp}.${rawBody}`;

export function signNotification(rawBody: string, timestamp: string, secret: string): string {
  return signBody(signedText(timestamp, rawBody), secret);
}

export type NotificationCheck = 'ok' | 'bad_signature' | 'stale';

/** The signature first (an unsigned request learns nothing), then the timestamp's freshness. */
export function checkNotification(
  rawBody: string,
  timestamp: string | undefined,
  signature: string | undefined,
  secret: string | null,
  nowMs: number,
): NotificationCheck {
  if (!secret || !timestamp || !/^\d{1,12}$/.test(timestamp)) return 'bad_signature';
  if (!verifySignature(signedText(timestamp, rawBody), secret, signature)) return 'bad_signature';
  if (!timestampFresh(timestamp, nowMs, notifySkewSeconds)) return 'stale';
  return 'ok';
}
