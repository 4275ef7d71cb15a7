/**
 * Tokens of the folded note: runs of [a-z0-9] and single punctuation marks. Offsets are into the
 * note (the fold keeps every index), stored in flat typed arrays so a 20 MB note stays cheap.
 */
export interface Tokens {
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  /** The folded text each token came from (tokens are slices of it). */
  folded: string;
}

const TOKEN_RE = /[a-z0-9]+|[^\sa-z0-9]/g;

export function tokenize(folded: string, from = 0, to = folded.length): Tokens {
  let cap = Math.max(16, Math.ceil((to - from) / 4));
  let starts = new Int32Array(cap);
  let ends = new Int32Array(cap);
  let count = 0;
  TOKEN_RE.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(folded)) !== null && m.index < to) {
    if (count === cap) {
      cap *= 2;
      const s = new Int32Array(cap);
      s.set(starts);
      starts = s;
      const e = new Int32Array(cap);
      e.set(ends);
      ends = e;
    }
    starts[count] = m.index;
    ends[count] = Math.min(m.index + m[0].length, to);
    count++;
  }
  return { count, starts, ends, folded };
}

/** Token strings of a lexicon term, folded and split the same way as note text. */
export function termTokens(foldedTerm: string): string[] {
  return foldedTerm.match(TOKEN_RE) ?? [];
}
