/**
 * Stage 4: the lexicon scan. One pass of the compiled token trie over the folded note, the level
 * grammar for numbered levels, case-sensitive abbreviations, and a misspelling pass (Jaro-Winkler from
 * natural) for long words the exact scan did not know. Returns hits with offsets into the note.
 */
import JaroWinklerDistance from "natural/lib/natural/distance/jaro-winkler_distance.js";
import { vocabulary, FUZZY_MIN_LENGTH, type EntryRef } from "../lexicon/index.js";
import type { Cause, MentionType } from "../lexicon/schema.js";
import type { Span } from "../types.js";
import { compileLevelMatcher, levelFromName } from "./levels.js";
import { tokenize } from "./tokens.js";

export interface Hit extends Span {
  /** Lexicon entry ("etiology.json#ra"), or "levels" for the level grammar. */
  ref: string;
  id: string;
  label: string;
  type: MentionType;
  kind: string;
  cause?: Cause;
  /** Spine levels the hit names (0 = occiput ... see levels.ts). */
  levels?: number[];
  /** Set when the hit came from the misspelling pass: the lexicon word it was read as. */
  fuzzy?: string;
}

/** Hits in the same group compete for the same words: the longest wins. */
const GROUP: Record<MentionType, string> = {
  segment: "site",
  region: "site",
  body_site: "site",
  fusion: "fusion",
  pseudarthrosis: "fusion",
  etiology: "cause",
  surgery: "cause",
  congenital: "cause",
  imaging: "imaging",
  imaging_finding: "imaging",
  imaging_status: "imaging",
  limitation: "limitation",
  link: "link",
};

/** Jaro-Winkler similarity a long unknown word needs to be read as a lexicon word. */
export const FUZZY_THRESHOLD = 0.94;

let levelMatcher: ((folded: string) => { start: number; end: number; levels: number[] }[]) | undefined;
const fuzzyCache = new Map<string, EntryRef | null>();
const FUZZY_CACHE_MAX = 100_000;

function hitFromRef(ref: EntryRef, start: number, end: number): Hit {
  const e = ref.entry;
  const hit: Hit = { start, end, ref: ref.ref, id: e.id, label: e.label, type: e.type, kind: e.kind };
  if (e.cause) hit.cause = e.cause;
  if (e.segments && e.segments.length) hit.levels = e.segments.map(levelFromName);
  return hit;
}

function fuzzyLookup(word: string): EntryRef | null {
  const cached = fuzzyCache.get(word);
  if (cached !== undefined) return cached;
  let best: EntryRef | null = null;
  let bestScore = FUZZY_THRESHOLD;
  for (const cand of vocabulary().longWords.get(word[0]!) ?? []) {
    if (Math.abs(cand.word.length - word.length) > 2) continue;
    const score = JaroWinklerDistance(word, cand.word, {});
    if (score >= bestScore) {
      bestScore = score;
      best = cand.ref;
    }
  }
  if (fuzzyCache.size >= FUZZY_CACHE_MAX) fuzzyCache.clear();
  fuzzyCache.set(word, best);
  return best;
}

/** True when the letters around [start, end) are nearly all capitals (an ALL-CAPS line or heading). */
function inCapsText(text: string, start: number, end: number): boolean {
  let upper = 0;
  let letters = 0;
  const from = Math.max(0, start - 40);
  const to = Math.min(text.length, end + 40);
  for (let i = from; i < to; i++) {
    if (i >= start && i < end) continue;
    const c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      upper++;
      letters++;
    } else if (c >= 97 && c <= 122) letters++;
  }
  return letters >= 8 && upper / letters > 0.8;
}

export function scanNote(text: string, folded: string): Hit[] {
  const vocab = vocabulary();
  levelMatcher ??= compileLevelMatcher(vocab.occiputAliases);
  const toks = tokenize(folded);
  const raw: Hit[] = [];
  const exclusions: { start: number; end: number; removes: readonly MentionType[] }[] = [];
  const covered = new Uint8Array(toks.count);

  for (let i = 0; i < toks.count; i++) {
    let node = vocab.trie;
    for (let j = i; j < toks.count; j++) {
      const next = node.next.get(folded.slice(toks.starts[j]!, toks.ends[j]!));
      if (!next) break;
      node = next;
      const start = toks.starts[i]!;
      const end = toks.ends[j]!;
      for (const ref of node.entries) {
        raw.push(hitFromRef(ref, start, end));
        for (let k = i; k <= j; k++) covered[k] = 1;
      }
      for (const ex of node.exclusions) exclusions.push({ start, end, removes: ex.removes });
    }
    const len = toks.ends[i]! - toks.starts[i]!;
    if (len <= 6 && vocab.exact.size) {
      const original = text.slice(toks.starts[i]!, toks.ends[i]!);
      const refs = vocab.exact.get(original);
      if (refs && !inCapsText(text, toks.starts[i]!, toks.ends[i]!)) {
        for (const ref of refs) raw.push(hitFromRef(ref, toks.starts[i]!, toks.ends[i]!));
        covered[i] = 1;
      }
    }
  }

  for (const lv of levelMatcher(folded)) {
    raw.push({ start: lv.start, end: lv.end, ref: "levels", id: "levels", label: "spine levels", type: "segment", kind: "specific", levels: lv.levels });
  }

  // Misspellings: long alphabetic words no term contains and no exact hit covered.
  for (let i = 0; i < toks.count; i++) {
    if (covered[i]) continue;
    const s = toks.starts[i]!;
    const e = toks.ends[i]!;
    if (e - s < FUZZY_MIN_LENGTH) continue;
    const word = folded.slice(s, e);
    if (vocab.knownTokens.has(word) || !/^[a-z]+$/.test(word)) continue;
    const ref = fuzzyLookup(word);
    if (ref) raw.push({ ...hitFromRef(ref, s, e), fuzzy: ref.entry.terms.find((t) => t.length >= FUZZY_MIN_LENGTH) ?? ref.entry.label });
  }

  const kept = raw.filter(
    (h) => !exclusions.some((x) => x.start <= h.start && h.end <= x.end && x.removes.includes(h.type)),
  );
  return resolveOverlaps(kept);
}

/** Within a group, keep the longest hit and drop the ones it overlaps; different groups may overlap. */
export function resolveOverlaps(hits: Hit[]): Hit[] {
  hits.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const lastEnd = new Map<string, number>();
  const out: Hit[] = [];
  for (const h of hits) {
    const g = GROUP[h.type];
    const sameSpan = out.length && out[out.length - 1]!;
    if (sameSpan && sameSpan.start === h.start && sameSpan.end === h.end && sameSpan.type === h.type && sameSpan.id === h.id) continue;
    if ((lastEnd.get(g) ?? -1) > h.start) {
      // Overlaps a longer or earlier hit of its group; keep it only when it is the same span, other type.
      const twin = out.find((o) => o.start === h.start && o.end === h.end && GROUP[o.type] === g && o.type !== h.type);
      if (!twin) continue;
    }
    out.push(h);
    lastEnd.set(g, Math.max(lastEnd.get(g) ?? -1, h.end));
  }
  return out;
}
