// Digits of pi computed here, independently of perl's Math::BigFloat, to check what the
// article's Job (`perl -Mbignum=bpi -wle "print ... bpi(2000) ..."`) really printed.

/** The first `count` decimal digits of pi ("31415..."), by Gibbons' unbounded spigot (2006). */
export function piDigits(count: number): string {
  let [q, r, t, k, n, l] = [1n, 0n, 1n, 1n, 3n, 3n];
  let digits = "";
  while (digits.length < count) {
    if (4n * q + r - t < n * t) {
      digits += n.toString();
      const nr = 10n * (r - n * t);
      n = (10n * (3n * q + r)) / t - 10n * n;
      q *= 10n;
      r = nr;
    } else {
      const nr = (2n * q + r) * l;
      const nn = (q * (7n * k) + 2n + r * l) / (t * l);
      q *= k;
      t *= l;
      l += 2n;
      k += 1n;
      n = nn;
      r = nr;
    }
  }
  return digits;
}

/**
 * What perl's `bpi(count)` prints: pi rounded to `count` significant digits, as text
 * ("3." and count - 1 decimals, so count + 1 characters). Math::BigFloat rounds to
 * nearest; pi's digits never tie, so half up is the same here. For 2,000 the rounding
 * shows: pi's 2,000th digit is 0 and the next is 9, so bpi(2000) ends in ...901 where the
 * first 2,000 digits of pi end in ...900.
 */
export function bpiText(count: number): string {
  const digits = piDigits(count + 1);
  const kept = BigInt(digits.slice(0, count));
  const rounded = (Number(digits[count]) >= 5 ? kept + 1n : kept).toString();
  return `${rounded.slice(0, 1)}.${rounded.slice(1)}`;
}
