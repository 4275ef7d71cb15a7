/**
 * The vocabulary, loaded from lexicons/ and validated once per process, plus the token trie the
 * scanner walks. Nothing here knows about notes; it only turns data into lookup structures.
 */
import { fold } from "../pipeline/text.js";
import { levelFromName } from "../pipeline/levels.js";
import { CharSet, termTokens, TokenFilter } from "../pipeline/tokens.js";
import { expandTerm } from "./expand.js";
import { loadLexicon } from "./load.js";
import {
  CodesLexiconSchema,
  RegionsLexiconSchema,
  FuzzyLexiconSchema,
  CUE_LEXICON_FILES,
  SectionsLexiconSchema,
  TERM_LEXICON_FILES,
  TermLexiconSchema,
  type Cause,
  type Exclusion,
  type TermEntry,
  type TermLexicon,
} from "./schema.js";

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

export function vocabulary(): CompiledVocabulary {
  if (compiled) return compiled;
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
    const lex = loadLexicon(file, TermLexiconSchema);
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
      const ref: EntryRef = {
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
  for (const word of loadLexicon("fuzzy.json", FuzzyLexiconSchema).words) {
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
  const starts = (trie: TrieNode): TokenFilter => new TokenFilter(trie.next?.keys() ?? []);
  compiled = {
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
  return compiled;
}

export function sectionsLexicon() {
  return loadLexicon("sections.json", SectionsLexiconSchema);
}

export function codesLexicon() {
  return loadLexicon("codes.json", CodesLexiconSchema);
}

export function regionsLexicon() {
  return loadLexicon("regions.json", RegionsLexiconSchema);
}

export function codeTitle(code: string): string {
  const hit = codesLexicon().codes.find((c) => c.code === code);
  if (!hit) throw new Error(`lexicons/codes.json: no entry for code ${code}`);
  return hit.title;
}
