/**
 * The contract's fixed names (SPEC section 2), without zod: modules that only need the names (the scan's
 * main thread, the report) import them from here and start without loading the schema library.
 */
export const SCHEMA_VERSION = 1 as const;

export const ELEMENT_IDS = [
  "segments",
  "etiology",
  "imaging",
  "underlying_condition",
  "functional_limitations",
] as const;
export type ElementId = (typeof ELEMENT_IDS)[number];

export const VERDICTS = ["supported", "incomplete", "redirect", "not_documented"] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The code checked when none is given. */
export const DEFAULT_CODE = "M43.21";
/** The category: checking it checks every code of the family and answers for the one the note best supports. */
export const FAMILY_CODE = "M43.2";
/**
 * The ICD-10-CM codes cdicheck checks notes against: every code of M43.2- (lexicons/regions.json has a region
 * for each; a test keeps the two lists the same) and the category itself.
 */
export const SUPPORTED_CODES = ["M43.21", "M43.20", "M43.22", "M43.23", "M43.24", "M43.25", "M43.26", "M43.27", "M43.28", "M43.2"] as const;

export class UnsupportedCodeError extends Error {
  constructor(readonly code: string) {
    super(`unsupported code "${code}": cdicheck supports ${SUPPORTED_CODES.join(", ")}`);
    this.name = "UnsupportedCodeError";
  }
}

/**
 * The largest note check() accepts by default, in UTF-16 code units (string length): about 2 MB of
 * English text. The pipeline is linear, but a dense note's mentions and spans grow with it; bigger notes
 * throw NoteTooLargeError (CheckOptions.maxNoteChars, `--max-note-chars` on the command line).
 */
export const DEFAULT_MAX_NOTE_CHARS = 2_000_000;

/** At most this many mentions are listed in a result; `mentionsOmitted` counts the rest. */
export const MAX_MENTIONS = 500;
/** At most this many evidence spans per element or suggestion; `evidenceOmitted` counts the rest. */
export const MAX_EVIDENCE = 50;

/** Thrown by check() for a note longer than the limit (never quotes the note). */
export class NoteTooLargeError extends Error {
  readonly code = "note_too_large";
  constructor(
    /** The note's length in UTF-16 code units. */
    readonly chars: number,
    /** The limit it went over. */
    readonly limit: number,
  ) {
    super(`note is ${chars} characters, over the ${limit}-character limit (maxNoteChars; --max-note-chars on the command line)`);
    this.name = "NoteTooLargeError";
  }
}
