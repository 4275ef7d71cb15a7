/**
 * Tokens of the folded note: runs of [a-z0-9] and single punctuation marks. Offsets are into the
 * note (the fold keeps every index), stored in flat typed arrays so a 20 MB note stays cheap. Each
 * token also carries a 32-bit hash of its text, so the scan can turn most tokens away (a word no term
 * starts with) without cutting a string out of the note.
 */
export interface Tokens {
  count: number;
  starts: Int32Array;
  ends: Int32Array;
  /** FNV-1a hash of each token's text (see hashToken). */
  hashes: Int32Array;
  /** The folded text each token came from (tokens are slices of it). */
  folded: string;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** ASCII classes: 1 = word character [a-z0-9], 2 = white space; 0 = a one-character token. */
const WORD = 1;
const SPACE = 2;
const ASCII_CLASS = new Uint8Array(128);
for (let c = 97; c <= 122; c++) ASCII_CLASS[c] = WORD;
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = WORD;
for (const c of [9, 10, 11, 12, 13, 32]) ASCII_CLASS[c] = SPACE;

/** The non-ASCII characters JavaScript's `\s` matches (the token boundaries of the regex this replaces). */
function isWideSpace(c: number): boolean {
  return c === 160 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** The hash a token of text `s` gets in Tokens.hashes. */
export function hashToken(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

export function tokenize(folded: string, from = 0, to = folded.length): Tokens {
  let cap = Math.max(16, Math.ceil((to - from) / 4));
  let starts = new Int32Array(cap);
  let ends = new Int32Array(cap);
  let hashes = new Int32Array(cap);
  let count = 0;
  let i = from;
  while (i < to) {
    const c = folded.charCodeAt(i);
    const cls = c < 128 ? ASCII_CLASS[c]! : isWideSpace(c) ? SPACE : 0;
    if (cls === SPACE) {
      i++;
      continue;
    }
    if (count === cap) {
      cap *= 2;
      starts = grow(starts, cap);
      ends = grow(ends, cap);
      hashes = grow(hashes, cap);
    }
    let h = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
    const start = i++;
    if (cls === WORD) {
      while (i < to) {
        const d = folded.charCodeAt(i);
        if (d >= 128 || ASCII_CLASS[d] !== WORD) break;
        h = Math.imul(h ^ d, FNV_PRIME);
        i++;
      }
    }
    starts[count] = start;
    ends[count] = i;
    hashes[count] = h;
    count++;
  }
  return { count, starts, ends, hashes, folded };
}

function grow(a: Int32Array<ArrayBuffer>, cap: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}

const TOKEN_RE = /[a-z0-9]+|[^\sa-z0-9]/g;

/** Token strings of a lexicon term, folded and split the same way as note text. */
export function termTokens(foldedTerm: string): string[] {
  return foldedTerm.match(TOKEN_RE) ?? [];
}

/**
 * A set of token hashes as a bitmap: `has` may say yes for a token outside the set (two hashes sharing
 * bits), never no for one inside it. Callers confirm a yes on the token's text.
 */
export class TokenFilter {
  private readonly bits = new Uint8Array(1 << 16);

  constructor(tokens: Iterable<string>) {
    for (const t of tokens) this.bits[TokenFilter.slot(hashToken(t))] = 1;
  }

  private static slot(h: number): number {
    return ((h >>> 16) ^ h) & 0xffff;
  }

  has(hash: number): boolean {
    return this.bits[TokenFilter.slot(hash)] === 1;
  }
}

/** A set of UTF-16 units with a table for ASCII, for tests run on every token. */
export class CharSet {
  private readonly ascii = new Uint8Array(128);
  private readonly rest = new Set<number>();

  constructor(chars: Iterable<number>) {
    for (const c of chars) {
      if (c < 128) this.ascii[c] = 1;
      else this.rest.add(c);
    }
  }

  has(c: number): boolean {
    return c < 128 ? this.ascii[c] === 1 : this.rest.has(c);
  }
}

/** Whether the character is white space as JavaScript's `\s` reads it (ASCII or wide). */
export function isSpaceChar(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c < 128 ? ASCII_CLASS[c] === SPACE : isWideSpace(c);
}
