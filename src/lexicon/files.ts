/**
 * The lexicon files and the schema each is validated with, as plain data: the checker's modules name a file
 * here without loading zod (src/lexicon/schemas.ts holds the schemas themselves; load.ts loads them only when
 * the build's snapshot is missing or stale).
 */

/** The term lexicons the scanner compiles, in load order. */
export const TERM_LEXICON_FILES = ["segments.json", "fusion.json", "etiology.json", "imaging.json", "limitations.json", "links.json"] as const;
/** Lexicons of cue words (ties, hedges) scanned only in the sentences around a fusion finding. */
export const CUE_LEXICON_FILES: readonly string[] = ["links.json"];

/** Every file of lexicons/ the checker reads, and the kind of schema that validates it (schemas.ts). */
export const LEXICON_FILES = {
  "segments.json": "term",
  "fusion.json": "term",
  "etiology.json": "term",
  "imaging.json": "term",
  "limitations.json": "term",
  "links.json": "term",
  "fuzzy.json": "fuzzy",
  "sections.json": "sections",
  "codes.json": "codes",
  "regions.json": "regions",
  "context.json": "context",
  "documents.json": "documents",
  "verbs.json": "verbs",
} as const;

export type LexiconFile = keyof typeof LEXICON_FILES;
export type LexiconKind = (typeof LEXICON_FILES)[LexiconFile];
