/**
 * Stage 4: the lexicon scan. One pass of the compiled token trie over the folded note, the level
 * grammar for numbered levels, case-sensitive abbreviations, and a misspelling pass (Jaro-Winkler from
 * natural) for long words the exact scan did not know. Returns hits with offsets into the note.
 */
import JaroWinklerDistance from "natural/lib/natural/distance/jaro-winkler_distance.js";
import { vocabulary, FUZZY_LENGTH_SLACK, FUZZY_MIN_LENGTH, type EntryRef, type TrieNode } from "../lexicon/index.js";
import type { Cause, MentionType } from "../lexicon/schema.js";
import type { Span } from "../types.js";
import { compileLevelGrammar } from "./levels.js";
import { measuredMotionHits } from "./measures.js";
import { sentenceAt } from "./sentences.js";
import { tokenize, type TokenFilter, type Tokens } from "./tokens.js";

export interface Hit extends Span {
  /** Lexicon entry ("etiology.json#ra"), or "levels" for the level grammar. */
  ref: string;
  id: string;
  label: string;
  type: MentionType;
  kind: string;
  cause: Cause | undefined;
  /** Spine levels the hit names (0 = occiput ... see levels.ts). */
  levels: number[] | undefined;
  /** Set when the hit came from the misspelling pass: the lexicon word it was read as. */
  fuzzy: string | undefined;
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
  open_joint: "open_joint",
  limitation: "limitation",
  link: "link",
};

/** Jaro-Winkler similarity a long unknown word needs to be read as a lexicon word. */
export const FUZZY_THRESHOLD = 0.94;

let levelGrammar: ReturnType<typeof compileLevelGrammar> | undefined;
const fuzzyCache = new Map<string, EntryRef | null>();
const FUZZY_CACHE_MAX = 100_000;

/**
 * Every hit is made here, with every field present (undefined when unused): one object shape for all hits
 * keeps property access in the later stages monomorphic, so V8 compiles them once instead of re-optimizing
 * each time a hit of a new shape turns up.
 */
function makeHit(start: number, end: number, ref: string, id: string, label: string, type: MentionType, kind: string, cause: Cause | undefined, levels: number[] | undefined, fuzzy: string | undefined): Hit {
  return { start, end, ref, id, label, type, kind, cause, levels, fuzzy };
}

function hitFromRef(ref: EntryRef, start: number, end: number, fuzzy?: string): Hit {
  return makeHit(start, end, ref.ref, ref.id, ref.label, ref.type, ref.kind, ref.cause, ref.levels, fuzzy);
}

function fuzzyLookup(word: string): EntryRef | null {
  const cached = fuzzyCache.get(word);
  if (cached !== undefined) return cached;
  let best: EntryRef | null = null;
  let bestScore = FUZZY_THRESHOLD;
  for (const cand of vocabulary().longWords.get(word[0]!) ?? []) {
    if (Math.abs(cand.word.length - word.length) > FUZZY_LENGTH_SLACK) continue;
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

/** Characters before a caps-ambiguous abbreviation searched for a diagnosis cue ("secondary to "). */
const CAPS_CUE_REACH = 24;

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

/** Walks `trie` from every token in [from, to) that `starts` admits; emits entries and exclusion spans. */
function walk(
  trie: TrieNode,
  starts: TokenFilter,
  folded: string,
  toks: Tokens,
  from: number,
  to: number,
  onHit: (ref: EntryRef, start: number, end: number, i: number, j: number) => void,
  onExclusion: (start: number, end: number, removes: readonly MentionType[], sentence: boolean) => void,
  skipInside: ReadonlySet<string>,
): void {
  for (let i = from; i < to; i++) {
    if (!starts.has(toks.hashes[i]!)) continue;
    let node = trie;
    for (let j = i; j < to; j++) {
      const tok = folded.slice(toks.starts[j]!, toks.ends[j]!);
      const next = node.next?.get(tok);
      // "open-mouth view" reads like "open mouth view", "rotation is markedly limited" like "rotation is limited":
      // a hyphen or a skipInside word (lexicons/limitations.json) inside a match may be passed over.
      if (!next && j > i && j + 1 < to && (tok === "-" || skipInside.has(tok))) continue;
      if (!next) break;
      node = next;
      for (const ref of node.entries) onHit(ref, toks.starts[i]!, toks.ends[j]!, i, j);
      for (const ex of node.exclusions) onExclusion(toks.starts[i]!, toks.ends[j]!, ex.removes, ex.scope === "sentence");
    }
  }
}

/** True when folded[start, end) is all ASCII letters. */
function isAlphabetic(folded: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = folded.charCodeAt(i);
    if (c < 97 || c > 122) return false;
  }
  return true;
}

/**
 * Lexicon hits of the note. `sentences` (optional) lets sentence-scope exclusions (lexicon `scope: "sentence"`)
 * remove mentions anywhere in the sentence that holds their words.
 */
export function scanNote(text: string, folded: string, sentences?: readonly Span[]): Hit[] {
  const vocab = vocabulary();
  levelGrammar ??= compileLevelGrammar(vocab.occiputAliases);
  const toks = tokenize(folded);
  const raw: Hit[] = [];
  const exclusions: { start: number; end: number; removes: readonly MentionType[]; sentence: boolean }[] = [];
  const covered = new Uint8Array(toks.count);

  walk(
    vocab.trie,
    vocab.trieStarts,
    folded,
    toks,
    0,
    toks.count,
    (ref, start, end, i, j) => {
      raw.push(hitFromRef(ref, start, end));
      covered.fill(1, i, j + 1);
    },
    (start, end, removes, sentence) => exclusions.push({ start, end, removes, sentence }),
    vocab.skipInside,
  );
  // A sentence-scope exclusion reaches the whole sentence it is in.
  if (sentences) {
    for (const x of exclusions) {
      if (!x.sentence) continue;
      const si = sentenceAt(sentences, x.start);
      if (si < 0) continue;
      x.start = sentences[si]!.start;
      x.end = sentences[si]!.end;
    }
  }
  // One pass over the tokens for what is left: case-sensitive abbreviations, the tokens where a spine
  // level can start (the level grammar is tried there after the pass), and misspellings (long alphabetic
  // words no term contains and no exact hit covered). Each test is a cheap look at the token first.
  const levelStarts: number[] = [];
  for (let i = 0; i < toks.count; i++) {
    const s = toks.starts[i]!;
    const e = toks.ends[i]!;
    if (e - s <= 6 && vocab.exactFirstChars.has(text.charCodeAt(s))) {
      const original = text.slice(s, e);
      const refs = vocab.exact.get(original);
      if (refs && !(vocab.capsAmbiguous.has(original) && inCapsText(text, s, e) && !vocab.capsDiagnosisBefore.test(folded.slice(Math.max(0, s - CAPS_CUE_REACH), s)))) {
        for (const ref of refs) raw.push(hitFromRef(ref, s, e));
        covered[i] = 1;
      }
    }
    if (levelGrammar.canStart(folded, toks, i)) levelStarts.push(s);
    if (covered[i] || e - s < FUZZY_MIN_LENGTH) continue;
    // Only words with a lexicon word of their first letter and a near length can be read as one.
    const reach = vocab.longWordLengths.get(folded.charCodeAt(s));
    if (!reach || e - s < reach.min || e - s > reach.max || !isAlphabetic(folded, s, e)) continue;
    const word = folded.slice(s, e);
    if (vocab.knownTokens.has(word)) continue;
    const ref = fuzzyLookup(word);
    if (ref) raw.push(hitFromRef(ref, s, e, ref.fuzzyWord));
  }
  for (const h of measuredMotionHits(folded, toks, vocab.measuredMotion)) raw.push(hitFromRef(h.motion.ref, h.start, h.end));
  for (const lv of levelGrammar.matchAt(folded, levelStarts)) {
    raw.push(makeHit(lv.start, lv.end, "levels", "levels", "spine levels", "segment", "specific", undefined, lv.levels, undefined));
  }

  const kept = exclusions.length
    ? raw.filter((h) => !exclusions.some((x) => x.start <= h.start && h.end <= x.end && x.removes.includes(h.type)))
    : raw;
  return resolveOverlaps(kept);
}

/** Cue words (links.json) inside the given spans only: ties, hedges and back-references around findings. */
export function scanCues(folded: string, spans: readonly Span[]): Hit[] {
  const vocab = vocabulary();
  const out: Hit[] = [];
  for (const span of spans) {
    const toks = tokenize(folded, span.start, span.end);
    walk(vocab.cueTrie, vocab.cueTrieStarts, folded, toks, 0, toks.count, (ref, start, end) => out.push(hitFromRef(ref, start, end)), () => {}, vocab.skipInside);
  }
  return resolveOverlaps(out);
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
      let twin = false;
      for (let k = out.length - 1; k >= 0 && out[k]!.start === h.start; k--) {
        const o = out[k]!;
        if (o.end === h.end && GROUP[o.type] === g && o.type !== h.type) twin = true;
      }
      if (!twin) continue;
    }
    out.push(h);
    lastEnd.set(g, Math.max(lastEnd.get(g) ?? -1, h.end));
  }
  return out;
}
