/**
 * Spine levels and level ranges as notes write them: C1-C2, C1-2, C1/2, C1–C2 (any dash: the fold maps
 * them to "-"), C1 to C3, C1 through C3, O-C2, Oc-C2, C0-C2, occiput to C2, T12-L1, "C1 and C2".
 * Levels are numbered C0 (occiput) = 0, C1..C7 = 1..7, T1..T12 = 8..19, L1..L5 = 20..24, S1..S5 = 25..29.
 */
import type { Span } from "../types.js";
import { CharSet, termTokens, TokenFilter, type Tokens } from "./tokens.js";

export interface LevelHit extends Span {
  /** Every level the text names (a range is expanded; "C1 and C3" is just the two). */
  levels: number[];
}

const REGION_BASE: Record<string, [number, number]> = { c: [0, 7], t: [7, 12], l: [19, 5], s: [24, 5] };

/** Level number from a region letter and a number ("c", 2 -> 2; "t", 1 -> 8), or undefined if invalid. */
export function levelNumber(region: string, n: number): number | undefined {
  const base = REGION_BASE[region];
  if (!base) return undefined;
  const [offset, max] = base;
  if (region === "c" ? n < 0 || n > max : n < 1 || n > max) return undefined;
  return offset + n;
}

export function levelName(level: number): string {
  if (level === 0) return "C0";
  if (level <= 7) return `C${level}`;
  if (level <= 19) return `T${level - 7}`;
  if (level <= 24) return `L${level - 19}`;
  return `S${level - 24}`;
}

export function levelFromName(name: string): number {
  const n = levelNumber(name[0]!.toLowerCase(), Number(name.slice(1)));
  if (n === undefined) throw new Error(`not a segment name: ${name}`);
  return n;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

const RANGE_WORDS = new Set(["-", "/", "to", "through", "thru"]);
/** Range words a level may run into with no space ("C1to C3"). */
const GLUED_RANGE_WORDS = ["to", "through", "thru", "and"];
const REGION_LETTERS = new CharSet([..."ctls"].map((c) => c.charCodeAt(0)));
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

export interface LevelGrammar {
  /** True when token k can start a level (a cheap test; the grammar decides). */
  canStart(folded: string, toks: Tokens, k: number): boolean;
  /** Levels found by trying the grammar at each of `positions` (ascending), skipping those inside a hit. */
  matchAt(folded: string, positions: Iterable<number>): LevelHit[];
}

/**
 * The level grammar as one regular expression, tried only where a level can start: at a token that is a
 * region letter alone ("c-1") or followed by a digit ("c1", "t12", "c1to" in "C1to C3"), or the first
 * word of an occiput alias, alone or run into a range word ("occiputto").
 */
export function compileLevelGrammar(occiputAliases: readonly string[]): LevelGrammar {
  const aliases = [...new Set(occiputAliases)].sort((a, b) => b.length - a.length);
  const occ = aliases.map(escape).join("|");
  // "C 1-2": a space after the region letter only when a range follows (a bare "C 1000 mg" is no level).
  const level = String.raw`(?:(${occ})|([ctls])(?:-|\s(?=\d{1,2}\s*[-/]\s*[ctls]?\d))?(\d{1,2}))`;
  const second = String.raw`(?:(${occ})|([ctls])?-?(\d{1,2}))`;
  const re = new RegExp(String.raw`(?<![a-z0-9])${level}(?:\s*(-|/|${GLUED_RANGE_WORDS.join("|")}|&)\s*${second})?(?![a-z0-9])`, "y");
  const firstWords = aliases.map((a) => termTokens(a)[0]!);
  const aliasStarts = new Set([...firstWords, ...firstWords.flatMap((w) => GLUED_RANGE_WORDS.map((r) => w + r))]);
  const aliasFilter = new TokenFilter(aliasStarts);

  // An alias run into a range word and the next level with no space at all ("craniumtot12-l1"): the token starts
  // with the alias and a range word but is longer than both, so it is tested by its start.
  const aliasFirstChars = new CharSet(firstWords.map((w) => w.charCodeAt(0)));
  const gluedStart = (folded: string, at: number, len: number): boolean =>
    firstWords.some((w) => folded.startsWith(w, at) && GLUED_RANGE_WORDS.some((r) => len > w.length + r.length && folded.startsWith(r, at + w.length)));

  const canStart = (folded: string, toks: Tokens, k: number): boolean => {
    const at = toks.starts[k]!;
    const len = toks.ends[k]! - at;
    if (REGION_LETTERS.has(folded.charCodeAt(at)) && (len === 1 || isDigit(folded.charCodeAt(at + 1)))) return true;
    if (aliasFilter.has(toks.hashes[k]!) && aliasStarts.has(folded.slice(at, at + len))) return true;
    return len > 2 && aliasFirstChars.has(folded.charCodeAt(at)) && gluedStart(folded, at, len);
  };

  const matchAt = (folded: string, positions: Iterable<number>): LevelHit[] => {
    const hits: LevelHit[] = [];
    let from = 0; // a match may not start inside the previous one
    for (const at of positions) {
      if (at < from) continue;
      re.lastIndex = at;
      const m = re.exec(folded);
      if (m === null) continue;
      const [whole, occ1, reg1, num1, sep, occ2, reg2, num2] = m;
      const first = occ1 !== undefined ? 0 : levelNumber(reg1!, Number(num1));
      let secondLevel: number | undefined;
      if (sep !== undefined) {
        secondLevel = occ2 !== undefined ? 0 : levelNumber(reg2 ?? reg1 ?? "c", Number(num2));
        // "C5-6" needs the bare number above the first; "O-2" means O-C2.
        if (reg2 === undefined && occ2 === undefined && first !== undefined && secondLevel !== undefined && secondLevel <= first && occ1 === undefined) {
          secondLevel = undefined;
        }
      }
      if (first === undefined) continue;
      // A bare occiput alias ("o", "oc") counts only as the end of a range; the word lexicon reads "occiput".
      if (occ1 !== undefined && secondLevel === undefined) continue;
      if (sep !== undefined && secondLevel === undefined) {
        // Keep the first level alone; the rest of the match may start another level.
        const end = m.index + (occ1 ?? `${reg1}${whole.slice(1).match(/^-?\d{1,2}/)?.[0] ?? num1}`).length;
        hits.push({ start: m.index, end, levels: [first] });
        from = end;
        continue;
      }
      let levels: number[];
      if (secondLevel === undefined) levels = [first];
      else if (RANGE_WORDS.has(sep!)) {
        const lo = Math.min(first, secondLevel);
        const hi = Math.max(first, secondLevel);
        levels = [];
        for (let l = lo; l <= hi; l++) levels.push(l);
      } else levels = [...new Set([first, secondLevel])].sort((a, b) => a - b);
      hits.push({ start: m.index, end: m.index + whole.length, levels });
      from = m.index + whole.length;
    }
    return hits;
  };
  return { canStart, matchAt };
}

/** Every level in the note: the grammar tried at the tokens that can start one. */
export function findLevels(grammar: LevelGrammar, folded: string, toks: Tokens): LevelHit[] {
  const positions: number[] = [];
  for (let k = 0; k < toks.count; k++) if (grammar.canStart(folded, toks, k)) positions.push(toks.starts[k]!);
  return grammar.matchAt(folded, positions);
}
