// Money on screen: integer fen from the API shown as yuan with two decimals and thousands grouped
// ("1,234.56"), the one format every money page uses. The server rounds; this only formats.

/** Fen → "1,234.56" ("-12.00" for a negative amount). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}
