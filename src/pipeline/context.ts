/**
 * Stage: assertion context (ConText-style). For each target mention in a sentence, decide whether it
 * is negated, uncertain, hypothetical, historical, and whose it is, and name the cue that decided
 * each attribute.
 *
 * How it works, in one pass over the sentence (docs/context.md has the long version):
 * 1. Tokenize the folded sentence (words and single punctuation marks, offsets into the note).
 * 2. Walk the trigger trie (compiled once from lexicons/context.json) from every token; collect
 *    every match. A trigger inside a longer trigger is dropped ("not" in "is not excluded"); one that
 *    shares a word with a pseudo-trigger ("no" in "no change in") is silenced for targets outside it.
 * 3. Each trigger gets a scope: forward, backward or both, ending at the sentence's end, a clause
 *    break (". ", ";", a spaced dash, a later field's ":", the enclosing parenthesis), a terminator for
 *    its category ("but", "however", "which"...), a long list item before a comma, or its window.
 * 4. A target inside a trigger's scope takes the trigger's category; the nearest trigger is the cue.
 *    A section default (family history => experiencer other) fills an attribute no trigger set.
 */
import type { AssertedSpan, ContextCategory, Cue, SectionKind, Span } from "../types.js";
import { loadLexicon, snapshotPart } from "../lexicon/load.js";
import type { ContextLexicon, ContextRule, PatternToken } from "../lexicon/context-schema.js";
import { isOptionalToken, setNames } from "../lexicon/pattern-tokens.js";
import { fold } from "./text.js";
import { isIntroducingAbbreviation } from "./sentences.js";
import { HYPOTHETICAL_PRIORITY, type HypotheticalKind } from "../domain.js";

export interface ContextTarget extends Span {
  /** Mention type, e.g. "fusion", "segment", "etiology", "surgery", "imaging_finding". */
  type?: string;
  /** The words can name an operation ("fusion", "arthrodesis", "surgery"; not "ankylosis"): rules for `operation` targets apply. */
  operation?: boolean;
}

/** The target type, in a rule's `targetTypes`, of words that can name an operation (see ContextTarget.operation). */
export const OPERATION_TARGET = "operation";

// ---------------------------------------------------------------------------------------------
// Tokens

interface Token {
  text: string;
  start: number;
  end: number;
  word: boolean;
}

const TOKEN_RE = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;
const WORD_RE = /^[\p{L}\p{N}]/u;

/** Tokens of a folded stretch of the note that starts at offset `base` (fold keeps every index). */
function tokenize(folded: string, base: number): Token[] {
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(folded); m !== null; m = TOKEN_RE.exec(folded)) {
    const end = m.index + m[0].length;
    // A question mark written onto the next word ("?C1/C2 fusion", "?inflammatory") opens a question
    // about what follows; it gets its own token text, "¿", so rules can tell it from a closing "?".
    const text = m[0] === "?" && end < folded.length && WORD_RE.test(folded[end]!) ? PREFIX_QUESTION : m[0];
    tokens.push({ text, start: base + m.index, end: base + end, word: WORD_RE.test(m[0]) });
  }
  return tokens;
}

/** Token text of a question mark attached to the following word (see tokenize). */
export const PREFIX_QUESTION = "\u00bf";

// ---------------------------------------------------------------------------------------------
// The compiled trigger trie

/** A rule with every field present (undefined when the lexicon leaves it out): one object shape for all rules. */
type CompiledRule = { [K in keyof Required<ContextRule>]: ContextRule[K] | undefined } & ContextRule;

function compiledRule(r: ContextRule): CompiledRule {
  return {
    id: r.id,
    category: r.category,
    literal: r.literal,
    pattern: r.pattern,
    direction: r.direction,
    maxScope: r.maxScope,
    targetTypes: r.targetTypes,
    hypotheticalKind: r.hypotheticalKind,
    performed: r.performed,
    spares: r.spares,
    scope: r.scope,
    adverb: r.adverb,
    proxy: r.proxy,
    owner: r.owner,
    weak: r.weak,
    antecedent: r.antecedent,
    note: r.note,
  };
}

interface TrieNode {
  next: Map<string, TrieNode>;
  regexEdges: { re: RegExp; node: TrieNode }[];
  /** Rules whose pattern ends at this node. */
  rules: CompiledRule[];
  /** Rules whose pattern ends here and also requires the clause to end here ("$"). */
  clauseEndRules: CompiledRule[];
}

const newNode = (): TrieNode => ({ next: new Map(), regexEdges: [], rules: [], clauseEndRules: [] });

/** A pattern token after its word sets are read: a word, a choice of words, a regular expression, "^" or "$". */
type WordToken = Exclude<PatternToken, { set: unknown }>;

/** The rule's pattern (or its literal's tokens), with each `{ set }` token turned into the words of its sets. */
function patternOf(rule: CompiledRule, wordSets: Readonly<Record<string, string[]>>): WordToken[] {
  if (!rule.pattern) return tokenize(fold(rule.literal), 0).map((t) => t.text);
  return rule.pattern.map((tok): WordToken => {
    if (typeof tok !== "object" || !("set" in tok)) return tok;
    const words = setNames(tok).flatMap((name) => wordSets[name] ?? []);
    return tok.optional ? { in: words, optional: true } : { in: words };
  });
}

/** The token sequences a pattern stands for: each optional token there or left out ("^" is dropped, see startsSentence). */
function sequencesOf(pattern: readonly WordToken[]): WordToken[][] {
  let out: WordToken[][] = [[]];
  for (const tok of pattern) {
    if (tok === "^") continue;
    const optional = isOptionalToken(tok);
    out = out.flatMap((seq) => (optional ? [seq, [...seq, tok]] : [[...seq, tok]]));
  }
  return out;
}

/** The tokens of one pattern word as the note's tokenizer would cut it ("pre-op" -> pre, -, op). */
function wordTokens(word: string): string[] {
  const parts = tokenize(fold(word), 0).map((t) => t.text);
  return parts.length ? parts : [fold(word)];
}

/** Rules whose pattern opens with "^": they match only where the sentence starts. */
const startRules = new WeakSet<CompiledRule>();

export interface CompiledContext {
  lexicon: ContextLexicon;
  root: TrieNode;
  byId: Map<string, CompiledRule>;
  /** For rules with an antecedent: the first token of each word of its sets (see ContextRule.antecedent). */
  antecedents: Map<CompiledRule, ReadonlySet<string>>;
  /** lexicon.auxiliaries, for verb-group adverbs (see backwardScope). */
  auxiliaries: ReadonlySet<string>;
}

function addSequence(root: TrieNode, rule: CompiledRule, sequence: readonly WordToken[]): void {
  let nodes = [root];
  let clauseEnd = false;
  for (const tok of sequence) {
    if (tok === "$") {
      clauseEnd = true;
      break;
    }
    const nextNodes: TrieNode[] = [];
    for (const node of nodes) {
      if (typeof tok === "string" || "in" in tok) {
        // A word the tokenizer splits ("pre-op", "h&p") is a chain of its tokens.
        for (const word of typeof tok === "string" ? [tok] : tok.in) {
          let child = node;
          for (const key of wordTokens(word)) {
            let next = child.next.get(key);
            if (!next) child.next.set(key, (next = newNode()));
            child = next;
          }
          nextNodes.push(child);
        }
      } else {
        const child = newNode();
        node.regexEdges.push({ re: new RegExp(`^(?:${tok.regex})$`, "u"), node: child });
        nextNodes.push(child);
      }
    }
    nodes = nextNodes;
  }
  for (const node of nodes) {
    const list = clauseEnd ? node.clauseEndRules : node.rules;
    if (!list.includes(rule)) list.push(rule);
  }
}

export function compileContext(lexicon: ContextLexicon): CompiledContext {
  const root = newNode();
  const byId = new Map<string, CompiledRule>();
  for (const source of lexicon.rules) {
    const rule = compiledRule(source);
    byId.set(rule.id, rule);
    const pattern = patternOf(rule, lexicon.wordSets ?? {});
    if (pattern[0] === "^") startRules.add(rule);
    for (const sequence of sequencesOf(pattern)) addSequence(root, rule, sequence);
  }
  return { lexicon, root, byId, antecedents: antecedentsOf(lexicon, byId), auxiliaries: new Set(lexicon.auxiliaries ?? []) };
}

/** For each rule with an antecedent, the first token of every word of its sets (see ContextRule.antecedent). */
function antecedentsOf(lexicon: ContextLexicon, byId: ReadonlyMap<string, CompiledRule>): Map<CompiledRule, ReadonlySet<string>> {
  const out = new Map<CompiledRule, ReadonlySet<string>>();
  for (const rule of byId.values()) {
    if (!rule.antecedent) continue;
    const words = setNames(rule.antecedent).flatMap((name) => lexicon.wordSets?.[name] ?? []);
    out.set(rule, new Set(words.map((w) => wordTokens(w)[0]!)));
  }
  return out;
}

let compiled: CompiledContext | undefined;

/** The default rules, from lexicons/context.json, once per process: decoded from the build's snapshot when there is one, else compiled. */
export function contextRules(): CompiledContext {
  if (compiled) return compiled;
  const lexicon = loadLexicon("context.json");
  const fromBuild = snapshotPart<ContextSnapshot>("context");
  return (compiled = fromBuild ? decodeContext(lexicon, fromBuild) : compileContext(lexicon));
}

/**
 * The compiled trigger trie as JSON data (the build's snapshot holds the one of lexicons/context.json). Rules
 * are named by their place in lexicon.rules; the trie is flattened in preorder: per node the number of word
 * children, of regex edges, its rules, its clause-end rules, then each word child (token, subtree) and each
 * regex edge (source, subtree), in the order the compiler added them.
 */
export interface ContextSnapshot {
  trie: (number | string)[];
  /** Rules whose pattern opens with "^" (startRules). */
  startRules: number[];
}

export function encodeContext(c: CompiledContext): ContextSnapshot {
  const rules = [...c.byId.values()];
  const index = new Map(rules.map((r, i) => [r, i]));
  const out: (number | string)[] = [];
  const flatten = (node: TrieNode): void => {
    out.push(node.next.size, node.regexEdges.length, node.rules.length, ...node.rules.map((r) => index.get(r)!), node.clauseEndRules.length, ...node.clauseEndRules.map((r) => index.get(r)!));
    for (const [tok, child] of node.next) {
      out.push(tok);
      flatten(child);
    }
    for (const edge of node.regexEdges) {
      if (edge.re.flags !== "u") throw new Error("context snapshot: a regex edge without the u flag");
      out.push(edge.re.source);
      flatten(edge.node);
    }
  };
  flatten(c.root);
  return { trie: out, startRules: rules.flatMap((r, i) => (startRules.has(r) ? [i] : [])) };
}

/**
 * Decoded tries share one empty map and empty lists among their nodes (most nodes are leaves that end a
 * rule): only the compiler adds to a node, and it never sees a decoded trie.
 */
const NO_CHILDREN: Map<string, TrieNode> = new Map();
const NO_EDGES: { re: RegExp; node: TrieNode }[] = [];
const NO_RULES: CompiledRule[] = [];

export function decodeContext(lexicon: ContextLexicon, s: ContextSnapshot): CompiledContext {
  const byId = new Map<string, CompiledRule>();
  const rules = lexicon.rules.map((source) => {
    const rule = compiledRule(source);
    byId.set(rule.id, rule);
    return rule;
  });
  for (const i of s.startRules) startRules.add(rules[i]!);
  const flat = s.trie;
  let i = 0;
  const node = (): TrieNode => {
    const words = flat[i++] as number;
    const edges = flat[i++] as number;
    const list = (): CompiledRule[] => {
      const n = flat[i++] as number;
      if (n === 0) return NO_RULES;
      const out: CompiledRule[] = [];
      for (let k = 0; k < n; k++) out.push(rules[flat[i++] as number]!);
      return out;
    };
    const own = list();
    const clauseEnd = list();
    const next = words === 0 ? NO_CHILDREN : new Map<string, TrieNode>();
    for (let n = words; n > 0; n--) {
      const tok = flat[i++] as string;
      next.set(tok, node());
    }
    const regexEdges: { re: RegExp; node: TrieNode }[] = edges === 0 ? NO_EDGES : [];
    for (let n = edges; n > 0; n--) {
      const re = new RegExp(flat[i++] as string, "u");
      regexEdges.push({ re, node: node() });
    }
    return { next, regexEdges, rules: own, clauseEndRules: clauseEnd };
  };
  return { lexicon, root: node(), byId, antecedents: antecedentsOf(lexicon, byId), auxiliaries: new Set(lexicon.auxiliaries ?? []) };
}

// ---------------------------------------------------------------------------------------------
// Matching

interface Match {
  rule: CompiledRule;
  /** First and last token index (inclusive). */
  first: number;
  last: number;
  start: number;
  end: number;
  /**
   * Pseudo-triggers that cover this match. It stays silent unless the target itself lies inside one
   * of them ("no change in vision" with the target "change in vision" is still a negation).
   */
  coveredBy?: Match[];
  /** Target types a longer trigger around this one speaks for ("not" inside "does not want", for operations). */
  silencedFor?: string[];
}

const CLAUSE_END = new Set([",", ";", ".", ":", "!", "?"]);

function clauseEndsAt(tokens: readonly Token[], j: number): boolean {
  return j >= tokens.length || CLAUSE_END.has(tokens[j]!.text);
}

/**
 * Token `i` opens the sentence or a field of it: only punctuation (a bullet) comes before it, or it is the
 * first word after a label's colon ("Pt told: if pain persists, ...").
 */
function startsSentence(tokens: readonly Token[], i: number): boolean {
  for (let k = i - 1; k >= 0; k--) {
    if (tokens[k]!.text === ":") return true;
    if (tokens[k]!.word) return false;
  }
  return true;
}

/** Depth-first walk of the trie from token `first`; `j` is the next token to read. */
function walk(tokens: readonly Token[], node: TrieNode, first: number, j: number, found: Match[]): void {
  if (j > first) {
    const start = tokens[first]!.start;
    const end = tokens[j - 1]!.end;
    for (const rule of node.rules) if (!startRules.has(rule) || startsSentence(tokens, first)) found.push({ rule, first, last: j - 1, start, end });
    if (node.clauseEndRules.length && clauseEndsAt(tokens, j)) {
      for (const rule of node.clauseEndRules) if (!startRules.has(rule) || startsSentence(tokens, first)) found.push({ rule, first, last: j - 1, start, end });
    }
  }
  if (j >= tokens.length) return;
  const tok = tokens[j]!.text;
  const child = node.next.get(tok);
  if (child) walk(tokens, child, first, j + 1, found);
  for (const edge of node.regexEdges) if (edge.re.test(tok)) walk(tokens, edge.node, first, j + 1, found);
}

function findMatches(tokens: readonly Token[], root: TrieNode): Match[] {
  const found: Match[] = [];
  for (let i = 0; i < tokens.length; i++) walk(tokens, root, i, i, found);
  // A match inside a strictly longer trigger is not a trigger of its own ("not" in "cannot be excluded").
  // A match that shares a word with a pseudo-trigger ("no" in "no change in", "scheduled for" in "as
  // scheduled for") is kept, silenced, for targets outside the pseudo-trigger.
  // Matches are found in order of their first token; only those starting within one pattern length
  // of `m` can overlap it, so each check looks at a bounded neighbourhood, not the whole sentence.
  const byFirst = new Map<number, Match[]>();
  let longest = 0;
  for (const m of found) {
    const list = byFirst.get(m.first);
    if (list) list.push(m);
    else byFirst.set(m.first, [m]);
    longest = Math.max(longest, m.last - m.first + 1);
  }
  const kept: Match[] = [];
  for (const m of found) {
    if (m.rule.direction === "pseudo") {
      kept.push(m);
      continue;
    }
    const covers: Match[] = [];
    for (let i = m.first - longest + 1; i <= m.last; i++) {
      for (const o of byFirst.get(i) ?? []) {
        // A terminator only bounds scopes; it silences no trigger (", likely" ends a list and "likely" still counts).
        // A pseudo-trigger silences triggers of its own category only ("to her" is no possessive, and "advised"
        // in "advised her to have" still advises), unless it is written for "any".
        // A pseudo-trigger shorter than the trigger it overlaps silences nothing: the longer words are the more
        // specific reading ("explained that a C1-C2 fusion limits rotation" is talk, "explained that" alone reports a fact).
        const isCover =
          o.rule.direction === "pseudo"
            ? o.first <= m.last && m.first <= o.last && (o.rule.category === "any" || o.rule.category === m.rule.category) && o.last - o.first >= m.last - m.first
            : o.rule.direction !== "terminate" &&
              o !== m &&
              o.first <= m.first &&
              o.last >= m.last &&
              o.last - o.first > m.last - m.first;
        if (isCover) covers.push(o);
      }
    }
    // A longer trigger for some targets only ("only if", "does not want": operations) silences a general one
    // inside it ("if", "not") for those targets and leaves it to the rest ("only if she develops myelopathy").
    const general = m.rule.targetTypes === undefined;
    const restricted = covers.filter((o) => o.rule.direction !== "pseudo" && general && o.rule.targetTypes !== undefined);
    const full = covers.filter((o) => o.rule.direction !== "pseudo" && !restricted.includes(o));
    if (full.length) continue;
    const pseudo = covers.filter((o) => o.rule.direction === "pseudo");
    const silencedFor = restricted.flatMap((o) => o.rule.targetTypes ?? []);
    kept.push({ ...m, ...(pseudo.length ? { coveredBy: pseudo } : {}), ...(silencedFor.length ? { silencedFor } : {}) });
  }
  return kept;
}

// ---------------------------------------------------------------------------------------------
// Scope

/** ". " (not a decimal point or "a.m."-style abbreviation inside a word), "?" and "!" end a sentence. */
function isSentenceBreak(tokens: readonly Token[], k: number, folded: string, base: number): boolean {
  const t = tokens[k]!.text;
  if (t === "?" || t === "!") return true;
  if (t !== ".") return false;
  const after = folded.charCodeAt(tokens[k]!.end - base);
  // "surgical options incl. C1-2 fusion": the sentence stage's abbreviations end no sentence here either.
  if (k > 0 && tokens[k - 1]!.word && tokens[k - 1]!.end === tokens[k]!.start && isIntroducingAbbreviation(tokens[k - 1]!.text)) return false;
  return Number.isNaN(after) || after === 32 || after === 10;
}

const LEVEL_RE = /^[a-z]?\d+$/;

/**
 * A dash with space on both sides separates items ("- R/O ankylosis - CT ordered", "to C2 — CT
 * showed"), except between two levels or numbers ("C1 - C2", "5 - 10").
 */
function isSpacedDash(tokens: readonly Token[], k: number, folded: string, base: number): boolean {
  const t = tokens[k]!;
  if (t.text !== "-") return false;
  const before = folded.charCodeAt(t.start - base - 1);
  const after = folded.charCodeAt(t.end - base);
  const spaced = (c: number) => c === 32 || c === 10;
  if (!spaced(before) || !spaced(after)) return false;
  const prev = tokens[k - 1];
  const next = tokens[k + 1];
  return !(prev && next && LEVEL_RE.test(prev.text) && LEVEL_RE.test(next.text));
}

interface Barriers {
  /** For each token index: does a sentence or clause break sit here? */
  hardBreak: boolean[];
  colon: boolean[];
  /** Terminators by the index of their first token (forward scopes stop there) and of their last (backward). */
  termStarts: Map<number, (ContextCategory | "any")[]>;
  termEnds: Map<number, (ContextCategory | "any")[]>;
  /** Hypothetical kinds whose forward scope a terminator starting here lets through (its `spares`). */
  termSpares: Map<number, readonly string[]>;
  /** Last token indexes of verb-group adverb terminators (ContextRule.adverb). */
  adverbEnds: Set<number>;
  auxiliaries: ReadonlySet<string>;
}

/** Tokens [from, to) are all auxiliary verbs (or there are none). */
function onlyAuxiliaries(tokens: readonly Token[], from: number, to: number, auxiliaries: ReadonlySet<string>): boolean {
  for (let k = from; k < to; k++) if (!auxiliaries.has(tokens[k]!.text)) return false;
  return true;
}

function stops(at: Map<number, (ContextCategory | "any")[]>, k: number, category: ContextCategory): boolean {
  const list = at.get(k);
  return list !== undefined && list.some((c) => c === "any" || c === category);
}

/** Words after a comma that continue what came before it as examples of it. */
const INCLUSION_WORDS = new Set(["including", "includes", "included", "especially", "particularly", "notably", "namely"]);

/** [from, to) in characters: the tokens a trigger reaches forward, up to `maxWords` words. */
function forwardScope(
  tokens: readonly Token[],
  m: Match,
  category: ContextCategory,
  maxWords: number,
  b: Barriers,
  listItemMaxWords: number | undefined,
): Span | null {
  let words = 0;
  let itemWords = 0;
  let end = -1;
  let depth = 0;
  if (m.rule.scope === "sentence") {
    // The whole rest of the sentence, through commas and terminators (see ContextRule.scope).
    for (let k = m.last + 1; k < tokens.length && !b.hardBreak[k]; k++) {
      if (tokens[k]!.word && ++words > maxWords) break;
      end = k;
    }
    return end < 0 ? null : { start: tokens[m.last + 1]!.start, end: tokens[end]!.end };
  }
  const labelOpener = category === "hypothetical" && startsSentence(tokens, m.first) && m.rule.targetTypes?.includes(OPERATION_TARGET) === true;
  let sawColon = false;
  for (let k = m.last + 1; k < tokens.length; k++) {
    if (b.hardBreak[k]) break;
    // A list goes on past a comma only while its items are short ("no fever, chills or sweats"); a long
    // stretch before the comma was a clause ("no bridging bone across the graft, lucency around the wires").
    if (tokens[k]!.text === ",") {
      // "no prior surgeries on her neck, including C1-C2 fusion": a comma that opens an inclusion goes on.
      const inclusion = k + 1 < tokens.length && INCLUSION_WORDS.has(tokens[k + 1]!.text);
      if (listItemMaxWords !== undefined && itemWords > listItemMaxWords && !inclusion) break;
      itemWords = 0;
    }
    // A trigger inside parentheses reaches no further than the closing one.
    if (tokens[k]!.text === "(") depth++;
    if (tokens[k]!.text === ")" && depth-- === 0) break;
    // A colon right after the trigger belongs to it ("Negative for: fever"); a later one opens a new field,
    // unless the trigger opens the label that colon closes ("Surgery date confirmed with patient: O-C2 fusion").
    if (b.colon[k] && words > 0 && !(labelOpener && !sawColon)) break;
    if (b.colon[k]) sawColon = true;
    if (stops(b.termStarts, k, category) && !(m.rule.hypotheticalKind !== undefined && b.termSpares.get(k)?.includes(m.rule.hypotheticalKind))) break;
    if (tokens[k]!.word) {
      if (++words > maxWords) break;
      itemWords++;
    }
    end = k;
  }
  return end < 0 ? null : { start: tokens[m.last + 1]!.start, end: tokens[end]!.end };
}

function backwardScope(tokens: readonly Token[], m: Match, category: ContextCategory, maxWords: number, b: Barriers): Span | null {
  let words = 0;
  let start = -1;
  let depth = 0;
  if (m.rule.scope === "sentence") {
    // Back to the start of the sentence, through commas and terminators (see ContextRule.scope).
    for (let k = m.first - 1; k >= 0 && !b.hardBreak[k]; k--) {
      if (tokens[k]!.word && ++words > maxWords) break;
      start = k;
    }
    return start < 0 ? null : { start: tokens[start]!.start, end: tokens[m.first - 1]!.end };
  }
  for (let k = m.first - 1; k >= 0; k--) {
    if (b.hardBreak[k] || b.colon[k]) break;
    // A trigger inside parentheses reaches back no further than the opening one ("RA (RF negative)").
    if (tokens[k]!.text === ")") depth++;
    if (tokens[k]!.text === "(" && depth-- === 0) break;
    // A terminator ending at k (it may span several tokens) closes the backward scope, unless it is an
    // adverb of the trigger's own verb group ("fusion is now booked": only auxiliaries between).
    if (stops(b.termEnds, k, category) && !(b.adverbEnds.has(k) && onlyAuxiliaries(tokens, k + 1, m.first, b.auxiliaries))) break;
    if (tokens[k]!.word && ++words > maxWords) break;
    start = k;
  }
  return start < 0 ? null : { start: tokens[start]!.start, end: tokens[m.first - 1]!.end };
}

// ---------------------------------------------------------------------------------------------
// Assertion

interface ScopedTrigger {
  match: Match;
  category: ContextCategory;
  forward: Span | null;
  backward: Span | null;
}

interface Analysed {
  /** Triggers in order of their start offset. */
  triggers: ScopedTrigger[];
  /** The farthest any trigger reaches from its own start, in characters: bounds the search per target. */
  maxReach: number;
}

/** Whether a word of the rule's antecedent sets stands at most `within` tokens before the match, with no semicolon between. */
function hasAntecedent(tokens: readonly Token[], m: Match, words: ReadonlySet<string>, within: number): boolean {
  for (let k = m.first - 1; k >= 0 && k >= m.first - within; k--) {
    const t = tokens[k]!.text;
    // The stretch is one sentence already; "Ms." or "Dr." inside a name ends nothing, a semicolon does.
    if (t === ";") return false;
    if (words.has(t)) return true;
  }
  return false;
}

function analyse(folded: string, base: number, ctx: CompiledContext): Analysed {
  const tokens = tokenize(folded, base);
  const matches = findMatches(tokens, ctx.root).filter((m) => {
    const words = ctx.antecedents.get(m.rule);
    return words === undefined || hasAntecedent(tokens, m, words, m.rule.antecedent!.within);
  });
  const barriers: Barriers = {
    hardBreak: tokens.map((_, k) => isSentenceBreak(tokens, k, folded, base) || tokens[k]!.text === ";" || isSpacedDash(tokens, k, folded, base)),
    colon: tokens.map((t) => t.text === ":"),
    termStarts: new Map(),
    termEnds: new Map(),
    termSpares: new Map(),
    adverbEnds: new Set(),
    auxiliaries: ctx.auxiliaries,
  };
  const push = (at: Map<number, (ContextCategory | "any")[]>, k: number, c: ContextCategory | "any") => {
    const list = at.get(k);
    if (list) list.push(c);
    else at.set(k, [c]);
  };
  const inTrigger = new Array<boolean>(tokens.length).fill(false);
  for (const m of matches) {
    if (m.rule.direction === "terminate") {
      push(barriers.termStarts, m.first, m.rule.category);
      push(barriers.termEnds, m.last, m.rule.category);
      if (m.rule.spares) barriers.termSpares.set(m.first, m.rule.spares);
      if (m.rule.adverb) barriers.adverbEnds.add(m.last);
    } else if (!m.coveredBy) {
      for (let k = m.first; k <= m.last; k++) inTrigger[k] = true;
    }
  }
  // Punctuation inside a trigger or pseudo-trigger (": none", "s/p", "the following:") is its own, not a break.
  for (let k = 0; k < tokens.length; k++) {
    if (inTrigger[k]) {
      barriers.hardBreak[k] = false;
      barriers.colon[k] = false;
    }
  }
  const defaults = ctx.lexicon.defaultMaxScope;
  const triggers: ScopedTrigger[] = [];
  for (const m of matches) {
    const { direction, category } = m.rule;
    if (direction === "terminate" || direction === "pseudo" || category === "any") continue;
    const max = m.rule.maxScope ?? defaults[category];
    triggers.push({
      match: m,
      category,
      forward:
        direction === "forward" || direction === "bidirectional"
          ? forwardScope(tokens, m, category, max, barriers, ctx.lexicon.listItemMaxWords?.[category])
          : null,
      backward: direction === "backward" || direction === "bidirectional" ? backwardScope(tokens, m, category, max, barriers) : null,
    });
  }
  triggers.sort((a, b) => a.match.start - b.match.start);
  let maxReach = 0;
  for (const t of triggers) {
    if (t.forward) maxReach = Math.max(maxReach, t.forward.end - t.match.start);
    if (t.backward) maxReach = Math.max(maxReach, t.match.end - t.backward.start);
  }
  return { triggers, maxReach };
}

const overlaps = (a: Span, b: Span): boolean => a.start < b.end && b.start < a.end;

/** Distance in characters from a trigger to a target it reaches, or null when out of scope. */
function reach(t: ScopedTrigger, target: ContextTarget): number | null {
  const m = t.match;
  if (m.coveredBy && !m.coveredBy.some((p) => overlaps(p, target))) return null;
  if (m.silencedFor && ((target.type !== undefined && m.silencedFor.includes(target.type)) || (target.operation === true && m.silencedFor.includes(OPERATION_TARGET)))) return null;
  const types = t.match.rule.targetTypes;
  if (types && !(target.type !== undefined && types.includes(target.type)) && !(target.operation === true && types.includes(OPERATION_TARGET))) return null;
  // The target's own words are not its cues: a finding mention "no joint space" is not negated by its "no".
  if (overlaps(m, target)) return null;
  let best: number | null = null;
  if (t.forward && m.end <= target.start && overlaps(t.forward, target)) best = target.start - m.end;
  if (t.backward && target.end <= m.start && overlaps(t.backward, target)) {
    const d = m.start - target.end;
    best = best === null ? d : Math.min(best, d);
  }
  return best;
}

/**
 * Which of two triggers of one category decides: the nearer, except that among hypothetical triggers the
 * one that settles what happened wins whatever the distance ("offered but declined", domain
 * HYPOTHETICAL_PRIORITY).
 */
function outranks(a: Match, da: number, b: Match, db: number): boolean {
  // A proxy acts for the relative it names ("healthcare proxy (son) provided consent").
  if ((a.rule.proxy === true) !== (b.rule.proxy === true)) return a.rule.proxy === true;
  const ka = a.rule.hypotheticalKind;
  const kb = b.rule.hypotheticalKind;
  if (ka !== undefined && kb !== undefined && ka !== kb) return HYPOTHETICAL_PRIORITY[ka] > HYPOTHETICAL_PRIORITY[kb];
  // A historical trigger that says an operation was done beats a bare time word ("prior C1-C2 fusion in 2015"),
  // and one that dates it before this note beats a bare completion verb ("underwent C1-C2 fusion in 2023": in an
  // operative report the verb alone could be this encounter's operation).
  const ra = PERFORMED_RANK[a.rule.performed ?? "none"];
  const rb = PERFORMED_RANK[b.rule.performed ?? "none"];
  if (ra !== rb) return ra > rb;
  return da < db;
}

const PERFORMED_RANK: Readonly<Record<"surgery" | "past" | "done" | "owned" | "none", number>> = { surgery: 4, past: 3, done: 2, owned: 1, none: 0 };

/** The lexicon rule with this id (cues name their rule by id). */
export function contextRule(id: string, ctx: CompiledContext = contextRules()): ContextRule | undefined {
  return ctx.byId.get(id);
}

/** The nearest trigger of each category that reaches the target (see outranks). */
function nearestTriggers(target: ContextTarget, analysed: Analysed): Map<ContextCategory, Match> {
  const best = new Map<ContextCategory, { match: Match; distance: number }>();
  // Only triggers starting within the widest reach of the target can cover it (binary search for the first).
  const { triggers, maxReach } = analysed;
  let lo = 0;
  let hi = triggers.length;
  const from = target.start - maxReach;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (triggers[mid]!.match.start < from) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < triggers.length && triggers[i]!.match.start <= target.end + maxReach; i++) {
    const t = triggers[i]!;
    const distance = reach(t, target);
    if (distance === null) continue;
    const prev = best.get(t.category);
    if (!prev || outranks(t.match, distance, prev.match, prev.distance)) best.set(t.category, { match: t.match, distance });
  }
  return new Map([...best].map(([category, { match }]) => [category, match]));
}

function assertOne(text: string, sentence: Span, target: ContextTarget, analysed: Analysed, section: SectionKind | null, ctx: CompiledContext): AssertedSpan {
  const cues: Cue[] = [];
  for (const [category, m] of nearestTriggers(target, analysed)) {
    cues.push({ category, text: text.slice(m.start, m.end), start: m.start, end: m.end, rule: m.rule.id });
  }
  // A section default has no words of its own: its cue is the empty span at the sentence start.
  if (section !== null) {
    for (const def of ctx.lexicon.sectionDefaults) {
      if (def.section !== section || cues.some((c) => c.category === def.category)) continue;
      cues.push({ category: def.category, text: "", start: sentence.start, end: sentence.start, rule: `section:${section}` });
    }
  }
  cues.sort((a, b) => a.start - b.start || a.category.localeCompare(b.category));
  const set = (category: ContextCategory) => cues.some((c) => c.category === category);
  return {
    negated: set("negated"),
    uncertain: set("uncertain"),
    hypothetical: set("hypothetical"),
    historical: set("historical"),
    experiencer: set("experiencer") ? "other" : "patient",
    cues,
  };
}

/** Assertion of each target inside one sentence of `text` (offsets are into `text`, the whole note). */
export function assertTargets(
  text: string,
  sentence: Span,
  targets: readonly ContextTarget[],
  section: SectionKind | null,
  ctx: CompiledContext = contextRules(),
): AssertedSpan[] {
  if (targets.length === 0) return [];
  // Fold only the sentence's stretch: per call, work proportional to the sentence, not the note.
  const analysed = analyse(fold(text.slice(sentence.start, sentence.end)), sentence.start, ctx);
  return targets.map((t) => assertOne(text, sentence, t, analysed, section, ctx));
}

/** The engine on one sentence alone: the `cdicheck context` command and the NegEx evaluation use this. */
export function assertInSentence(sentence: string, target: ContextTarget, ctx: CompiledContext = contextRules()): AssertedSpan {
  return assertTargets(sentence, { start: 0, end: sentence.length }, [target], null, ctx)[0]!;
}

/**
 * The hypothetical triggers written for operations inside a stretch of the note that has no target of its own
 * (a section's header: "Options reviewed:", "Ortho spine recs:"), strongest kind first (HYPOTHETICAL_PRIORITY),
 * with their words.
 */
export function operationKindsIn(text: string, span: Span, ctx: CompiledContext = contextRules()): { kind: HypotheticalKind; start: number; end: number; rule: string }[] {
  const analysed = analyse(fold(text.slice(span.start, span.end)), span.start, ctx);
  const out: { kind: HypotheticalKind; start: number; end: number; rule: string }[] = [];
  for (const t of analysed.triggers) {
    const kind = t.match.rule.hypotheticalKind;
    if (kind === undefined || t.match.coveredBy || t.match.silencedFor) continue;
    if (!t.match.rule.targetTypes?.includes(OPERATION_TARGET) && kind !== "conditional") continue;
    out.push({ kind, start: t.match.start, end: t.match.end, rule: t.match.rule.id });
  }
  return out.sort((a, b) => HYPOTHETICAL_PRIORITY[b.kind] - HYPOTHETICAL_PRIORITY[a.kind] || a.start - b.start);
}
