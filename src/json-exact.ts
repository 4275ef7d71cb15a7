/**
 * JSON.parse that keeps numbers exactly as written when a JavaScript number cannot: an id such as
 * 12345678901234567890 (beyond Number.MAX_SAFE_INTEGER) or 1.10 becomes the string "12345678901234567890"
 * or "1.10" instead of a silently changed number. Numbers that survive the round trip
 * (String(Number(token)) === token) stay numbers. One linear pass: strings are skipped with indexOf.
 */

/** True for characters that can continue a JSON number token. */
function numberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === 0x2d;
}

/** The text with every number token that a JS number would change turned into a JSON string. */
export function quoteInexactNumbers(text: string): string {
  let parts: string[] | null = null;
  let last = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string: its closing quote is the next one not escaped by an odd run of backslashes.
      let j = i + 1;
      for (;;) {
        j = text.indexOf('"', j);
        if (j < 0) return parts ? parts.join("") + text.slice(last) : text; // unterminated: JSON.parse reports it
        let k = j - 1;
        while (text.charCodeAt(k) === 0x5c) k--;
        if ((j - 1 - k) % 2 === 0) break;
        j++;
      }
      i = j + 1;
      continue;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let j = i + 1;
      while (j < n && numberChar(text.charCodeAt(j))) j++;
      const token = text.slice(i, j);
      const value = Number(token);
      if (Number.isFinite(value) ? String(value) !== token : /^-?[0-9]/.test(token)) {
        (parts ??= []).push(text.slice(last, i), JSON.stringify(token));
        last = j;
      }
      i = j;
      continue;
    }
    i++;
  }
  return parts ? parts.join("") + text.slice(last) : text;
}

/** JSON.parse keeping inexact numbers as strings (above). A syntax error is the one JSON.parse gives for `text`. */
export function parseJsonExact(text: string): unknown {
  const exact = quoteInexactNumbers(text);
  if (exact === text) return JSON.parse(text);
  try {
    return JSON.parse(exact);
  } catch {
    return JSON.parse(text); // throws with positions that refer to the input as given
  }
}
