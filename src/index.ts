/**
 * The library entry: `check(text, options)` returns the SPEC result object for one note.
 */
export { check, SUPPORTED_CODES, DEFAULT_MAX_NOTE_CHARS, NoteTooLargeError, UnsupportedCodeError } from "./check.js";
export { MAX_MENTIONS, MAX_EVIDENCE } from "./contract.js";
export type { CheckOptions } from "./check.js";
export { ResultSchema, resultJsonSchema, ELEMENT_IDS, VERDICTS } from "./schema.js";
export type { CheckResult, ElementResult, Suggestion, MentionJson, ElementId, Verdict } from "./schema.js";
