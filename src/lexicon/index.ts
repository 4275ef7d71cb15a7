/**
 * The vocabulary, loaded from lexicons/ and validated once per process, plus the token trie the
 * scanner walks. Nothing here knows about notes; it only turns data into lookup structures.
 */
import { fold } from "../pipeline/text.js";
import { levelFromName } from "../pipeline/levels.js";
import { CharSet, termTokens, TokenFilter } from "../pipeline/tokens.js";
import { expandTerm } from "./expand.js";
import { loadLexicon, snapshotPart } from "./load.js";
import { CUE_LEXICON_FILES, TERM_LEXICON_FILES } from "./files.js";
import type { Cause, Exclusion, TermEntry, TermLexicon } from "./schema.js";

/**
 * A lexicon entry as the scan uses it: the fields a hit copies, read out of the entry once (every ref
 * has the same fields, so the scan's property reads stay monomorphic whatever the entry declares).
 */
export interface EntryRef {
  /** "etiology.json#ra" */
  ref: string;
  file: string;
  entry: TermEntry;
  id: string;
  label: string;
  type: TermEntry["type"];
  kind: string;
  cause: TermEntry["cause"] | undefined;
  /** Spine levels of the entry's segments (see levels.ts), when it names any. */
  levels: number[] | undefined;
  /** What a misspelling read as this entry is shown as: its first long one-word term, or its label. */
  fuzzyWord: string;
}

export interface TrieNode {
  /** Children by next token; null on leaves (most nodes), which keeps the compiled vocabulary small. */
  next: Map<string, TrieNode> | null;
  entries: EntryRef[];
  exclusions: Exclusion[];
}

export interface CompiledVocabulary {
  lexicons: Map<string, TermLexicon>;
  trie: TrieNode;
  /** The tokens a term of `trie` can start with (the scan's first, cheap test of each token). */
  trieStarts: TokenFilter;
  /** Cue words (links.json): ties, hedges, anaphora; scanned only around findings. */
  cueTrie: TrieNode;
  cueTrieStarts: TokenFilter;
  /** Case-sensitive abbreviations by their exact spelling (single tokens). */
  exact: Map<string, EntryRef[]>;
  /** First UTF-16 units of the abbreviations in `exact` (a cheap filter before slicing a token). */
  exactFirstChars: CharSet;
  /** Abbreviations in `exact` that are ordinary words in ALL-CAPS text, skipped there... */
  capsAmbiguous: Set<string>;
  /** ...unless this matches the folded text just before them ("secondary to ", "known "). */
  capsDiagnosisBefore: RegExp;
  /** Long single-token terms for the misspelling pass, by first letter. */
  longWords: Map<string, { word: string; ref: EntryRef }[]>;
  /** Per first letter (UTF-16 unit) of `longWords`: the word lengths that have a candidate within FUZZY_LENGTH_SLACK letters. */
  longWordLengths: Map<number, { min: number; max: number }>;
  /** Ranges of motion written in degrees (lexicons/limitations.json measuredMotion), all single folded tokens. */
  measuredMotion: CompiledMotion[];
  /** Generic cause -> the specific causes it may stand for (lexicons/etiology.json specificCauses). */
  specificCauses: Map<Cause, readonly Cause[]>;
  /** Words a match may pass over inside a term (lexicons' skipInside), folded single tokens. */
  skipInside: Set<string>;
  /** Every token that appears in any term: never treated as a misspelling. */
  knownTokens: Set<string>;
  occiputAliases: string[];
}

function newNode(): TrieNode {
  return { next: null, entries: [], exclusions: [] };
}

function insert(root: TrieNode, tokens: string[]): TrieNode {
  let node = root;
  for (const tok of tokens) {
    node.next ??= new Map();
    let child = node.next.get(tok);
    if (!child) {
      child = newNode();
      node.next.set(tok, child);
    }
    node = child;
  }
  return node;
}

/** Shortest length of a word the misspelling pass will look at (shorter words are too easily confused). */
export const FUZZY_MIN_LENGTH = 8;
/** How many letters longer or shorter than a lexicon word a misspelling of it may be. */
export const FUZZY_LENGTH_SLACK = 2;

export interface CompiledMotion {
  ref: EntryRef;
  words: Set<string>;
  /** The motion words' token hashes: a token is sliced only when its hash may be one. */
  wordFilter: TokenFilter;
  limitedBelowDegrees: number;
  window: number;
  notAfter: Set<string>;
  stopAt: Set<string>;
  units: Set<string>;
  sides: Set<string>;
}

let compiled: CompiledVocabulary | undefined;

/** A literal string as a RegExp source. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The compiled vocabulary, once per process: decoded from the build's snapshot when there is one, else compiled. */
export function vocabulary(): CompiledVocabulary {
  if (compiled) return compiled;
  const fromBuild = snapshotPart<VocabularySnapshot>("vocabulary");
  return (compiled = fromBuild ? decodeVocabulary(fromBuild) : compileVocabulary());
}

/** The EntryRef of an entry (one object per entry, shared by every trie node that names it). */
function entryRef(file: string, entry: TermEntry): EntryRef {
  return {
    ref: `${file}#${entry.id}`,
    file,
    entry,
    id: entry.id,
    label: entry.label,
    type: entry.type,
    kind: entry.kind,
    cause: entry.cause ?? undefined,
    levels: entry.segments && entry.segments.length ? entry.segments.map(levelFromName) : undefined,
    fuzzyWord: entry.terms.find((t) => t.length >= FUZZY_MIN_LENGTH) ?? entry.label,
  };
}

/** Compiles the term lexicons into the scanner's lookup structures (the work the build's snapshot saves). */
export function compileVocabulary(): CompiledVocabulary {
  const lexicons = new Map<string, TermLexicon>();
  const mainTrie = newNode();
  const cueTrie = newNode();
  const exact = new Map<string, EntryRef[]>();
  const capsAmbiguous = new Set<string>();
  const longWords = new Map<string, { word: string; ref: EntryRef }[]>();
  const knownTokens = new Set<string>();
  const ids = new Map<string, string>();
  let occiputAliases: string[] = [];
  const capsCues: string[] = [];
  const skipInside = new Set<string>();
  const specificCauses = new Map<Cause, readonly Cause[]>();
  const measuredMotion: CompiledMotion[] = [];
  const refsById = new Map<string, EntryRef>();
  const singleWordRefs = new Map<string, EntryRef>();

  for (const file of TERM_LEXICON_FILES) {
    const lex = loadLexicon(file);
    const trie = CUE_LEXICON_FILES.includes(file) ? cueTrie : mainTrie;
    lexicons.set(file, lex);
    if (lex.occiputAliases) occiputAliases = lex.occiputAliases.map(fold);
    for (const cue of lex.capsDiagnosisCues ?? []) capsCues.push(...expandTerm(fold(cue)));
    for (const [generic, specific] of Object.entries(lex.specificCauses ?? {})) specificCauses.set(generic as Cause, specific);
    for (const w of lex.skipInside ?? []) {
      const toks = termTokens(fold(w));
      if (toks.length !== 1) throw new Error(`lexicons/${file}: skipInside "${w}" must be one token`);
      skipInside.add(toks[0]!);
    }
    for (const entry of lex.entries) {
      const other = ids.get(entry.id);
      if (other) throw new Error(`lexicons/${file}: entry id "${entry.id}" is already used in lexicons/${other}`);
      ids.set(entry.id, file);
      const ref = entryRef(file, entry);
      refsById.set(entry.id, ref);
      for (const term of entry.terms) {
        for (const literal of expandTerm(fold(term))) {
          const toks = termTokens(literal);
          if (!toks.length) continue;
          const node = insert(trie, toks);
          if (!node.entries.some((r) => r.ref === ref.ref)) node.entries.push(ref);
          toks.forEach((t) => knownTokens.add(t));
          if (toks.length === 1 && !singleWordRefs.has(literal)) singleWordRefs.set(literal, ref);
        }
      }
      for (const abbr of entry.capsAmbiguous ?? []) capsAmbiguous.add(abbr);
      for (const abbr of entry.caseSensitive ?? []) {
        const list = exact.get(abbr) ?? [];
        list.push(ref);
        exact.set(abbr, list);
      }
    }
    for (const m of lex.measuredMotion ?? []) {
      const single = (list: readonly string[], field: string): Set<string> =>
        new Set(
          list.map((w) => {
            const toks = termTokens(fold(w));
            if (toks.length !== 1) throw new Error(`lexicons/${file}: measuredMotion ${field} "${w}" must be one token`);
            return toks[0]!;
          }),
        );
      const words = single(m.words, "word");
      measuredMotion.push({
        ref: refsById.get(m.entry)!,
        words,
        wordFilter: new TokenFilter([...words]),
        limitedBelowDegrees: m.limitedBelowDegrees,
        window: m.window,
        notAfter: single(m.notAfter, "notAfter"),
        stopAt: single(m.stopAt, "stopAt"),
        units: single(m.units, "unit"),
        sides: single(m.sides, "side"),
      });
    }
    for (const exclusion of lex.exclusions ?? []) {
      for (const term of exclusion.terms) {
        for (const literal of expandTerm(fold(term))) {
          const toks = termTokens(literal);
          insert(trie, toks).exclusions.push(exclusion);
          toks.forEach((t) => knownTokens.add(t));
        }
      }
    }
  }
  // The misspelling pass reads only the distinctive domain words of lexicons/fuzzy.json.
  for (const word of loadLexicon("fuzzy.json").words) {
    const ref = singleWordRefs.get(word);
    if (!ref) throw new Error(`lexicons/fuzzy.json: "${word}" is not a one-word term of any entry`);
    const bucket = longWords.get(word[0]!) ?? [];
    bucket.push({ word, ref });
    longWords.set(word[0]!, bucket);
  }
  const exactFirstChars = new CharSet([...exact.keys()].map((k) => k.charCodeAt(0)));
  const longWordLengths = new Map<number, { min: number; max: number }>();
  for (const [first, words] of longWords) {
    const lengths = words.map((w) => w.word.length);
    longWordLengths.set(first.charCodeAt(0), { min: Math.min(...lengths) - FUZZY_LENGTH_SLACK, max: Math.max(...lengths) + FUZZY_LENGTH_SLACK });
  }
  return {
    lexicons,
    trie: mainTrie,
    trieStarts: starts(mainTrie),
    cueTrie,
    cueTrieStarts: starts(cueTrie),
    exact,
    exactFirstChars,
    capsAmbiguous,
    capsDiagnosisBefore: capsCues.length
      ? new RegExp(`(?:^|[^a-z0-9/])(?:${capsCues.map(escapeRegExp).join("|")})\\s+$`)
      : /(?!)/,
    longWords,
    longWordLengths,
    measuredMotion,
    skipInside,
    specificCauses,
    knownTokens,
    occiputAliases,
  };
}

const starts = (trie: TrieNode): TokenFilter => new TokenFilter(trie.next?.keys() ?? []);

/**
 * The compiled vocabulary as JSON data (build-snapshot.ts writes it into the build's snapshot). Entries and
 * exclusions are named by their place in the lexicons ([file index, entry index]), tries are flattened in
 * preorder: per node its child count, its entries (ref numbers), its exclusions, then each child's token
 * and subtree, in the order the compiler inserted them.
 */
export interface VocabularySnapshot {
  refs: [number, number][];
  exclusions: [number, number][];
  trie: (number | string)[];
  cueTrie: (number | string)[];
  exact: [string, number[]][];
  capsAmbiguous: string[];
  capsDiagnosisBefore: string;
  longWords: [string, [string, number][]][];
  longWordLengths: [number, number, number][];
  measuredMotion: { ref: number; words: string[]; limitedBelowDegrees: number; window: number; notAfter: string[]; stopAt: string[]; units: string[]; sides: string[] }[];
  specificCauses: [Cause, Cause[]][];
  skipInside: string[];
  knownTokens: string[];
  occiputAliases: string[];
}

function fail(why: string): never {
  throw new Error(`vocabulary snapshot: ${why}`);
}

export function encodeVocabulary(v: CompiledVocabulary): VocabularySnapshot {
  const files = [...v.lexicons.keys()];
  const refNumbers = new Map<EntryRef, number>();
  const refs: [number, number][] = [];
  const refOf = (r: EntryRef): number => {
    let n = refNumbers.get(r);
    if (n === undefined) {
      const f = files.indexOf(r.file);
      const e = v.lexicons.get(r.file)!.entries.indexOf(r.entry);
      if (f < 0 || e < 0) throw new Error(`vocabulary snapshot: ${r.ref} is not an entry of the lexicons`);
      refNumbers.set(r, (n = refs.length));
      refs.push([f, e]);
    }
    return n;
  };
  const exclusionNumbers = new Map<Exclusion, number>();
  const exclusions: [number, number][] = [];
  const exclusionOf = (x: Exclusion): number => {
    let n = exclusionNumbers.get(x);
    if (n === undefined) {
      const at = files.map((f, i) => [i, v.lexicons.get(f)!.exclusions?.indexOf(x) ?? -1] as [number, number]).find(([, k]) => k >= 0);
      if (!at) throw new Error("vocabulary snapshot: an exclusion is not one of the lexicons'");
      exclusionNumbers.set(x, (n = exclusions.length));
      exclusions.push(at);
    }
    return n;
  };
  const flatten = (node: TrieNode, out: (number | string)[]): (number | string)[] => {
    out.push(node.next ? node.next.size : -1, node.entries.length, ...node.entries.map(refOf), node.exclusions.length, ...node.exclusions.map(exclusionOf));
    for (const [tok, child] of node.next ?? []) {
      out.push(tok);
      flatten(child, out);
    }
    return out;
  };
  return {
    trie: flatten(v.trie, []),
    cueTrie: flatten(v.cueTrie, []),
    exact: [...v.exact].map(([k, list]) => [k, list.map(refOf)]),
    capsAmbiguous: [...v.capsAmbiguous],
    capsDiagnosisBefore: v.capsDiagnosisBefore.flags === "" ? v.capsDiagnosisBefore.source : fail("capsDiagnosisBefore has flags"),
    longWords: [...v.longWords].map(([k, list]) => [k, list.map((w) => [w.word, refOf(w.ref)] as [string, number])]),
    longWordLengths: [...v.longWordLengths].map(([k, r]) => [k, r.min, r.max]),
    measuredMotion: v.measuredMotion.map((m) => ({
      ref: refOf(m.ref),
      words: [...m.words],
      limitedBelowDegrees: m.limitedBelowDegrees,
      window: m.window,
      notAfter: [...m.notAfter],
      stopAt: [...m.stopAt],
      units: [...m.units],
      sides: [...m.sides],
    })),
    specificCauses: [...v.specificCauses].map(([k, list]) => [k, [...list]]),
    skipInside: [...v.skipInside],
    knownTokens: [...v.knownTokens],
    occiputAliases: v.occiputAliases,
    refs,
    exclusions,
  };
}

/** Decoded tries share one empty list among their nodes: only the compiler adds to a node, and it never sees a decoded trie. */
const NO_EXCLUSIONS: Exclusion[] = [];
const NO_ENTRIES: EntryRef[] = [];

/** The compiled vocabulary back from its snapshot, over the lexicons loaded now (loadLexicon). */
export function decodeVocabulary(s: VocabularySnapshot): CompiledVocabulary {
  const lexicons = new Map<string, TermLexicon>();
  for (const file of TERM_LEXICON_FILES) lexicons.set(file, loadLexicon(file));
  const files = [...lexicons.keys()];
  const refs = s.refs.map(([f, e]) => entryRef(files[f]!, lexicons.get(files[f]!)!.entries[e]!));
  const exclusions = s.exclusions.map(([f, k]) => lexicons.get(files[f]!)!.exclusions![k]!);
  const unflatten = (flat: (number | string)[]): TrieNode => {
    let i = 0;
    const node = (): TrieNode => {
      const children = flat[i++] as number;
      let entries = NO_ENTRIES;
      let n = flat[i++] as number;
      if (n > 0) for (entries = []; n > 0; n--) entries.push(refs[flat[i++] as number]!);
      let excl = NO_EXCLUSIONS;
      n = flat[i++] as number;
      if (n > 0) for (excl = []; n > 0; n--) excl.push(exclusions[flat[i++] as number]!);
      let next: Map<string, TrieNode> | null = null;
      if (children >= 0) {
        next = new Map();
        for (let n = children; n > 0; n--) {
          const tok = flat[i++] as string;
          next.set(tok, node());
        }
      }
      return { next, entries, exclusions: excl };
    };
    return node();
  };
  const trie = unflatten(s.trie);
  const cueTrie = unflatten(s.cueTrie);
  const exact = new Map(s.exact.map(([k, list]) => [k, list.map((n) => refs[n]!)]));
  return {
    lexicons,
    trie,
    trieStarts: starts(trie),
    cueTrie,
    cueTrieStarts: starts(cueTrie),
    exact,
    exactFirstChars: new CharSet([...exact.keys()].map((k) => k.charCodeAt(0))),
    capsAmbiguous: new Set(s.capsAmbiguous),
    capsDiagnosisBefore: new RegExp(s.capsDiagnosisBefore),
    longWords: new Map(s.longWords.map(([k, list]) => [k, list.map(([word, n]) => ({ word, ref: refs[n]! }))])),
    longWordLengths: new Map(s.longWordLengths.map(([k, min, max]) => [k, { min, max }])),
    measuredMotion: s.measuredMotion.map((m) => ({
      ref: refs[m.ref]!,
      words: new Set(m.words),
      wordFilter: new TokenFilter(m.words),
      limitedBelowDegrees: m.limitedBelowDegrees,
      window: m.window,
      notAfter: new Set(m.notAfter),
      stopAt: new Set(m.stopAt),
      units: new Set(m.units),
      sides: new Set(m.sides),
    })),
    specificCauses: new Map(s.specificCauses),
    skipInside: new Set(s.skipInside),
    knownTokens: new Set(s.knownTokens),
    occiputAliases: s.occiputAliases,
  };
}

export function sectionsLexicon() {
  return loadLexicon("sections.json");
}

export function codesLexicon() {
  return loadLexicon("codes.json");
}

export function regionsLexicon() {
  return loadLexicon("regions.json");
}

export function codeTitle(code: string): string {
  const hit = codesLexicon().codes.find((c) => c.code === code);
  if (!hit) throw new Error(`lexicons/codes.json: no entry for code ${code}`);
  return hit.title;
}
