/**
 * The library entry: `check(text, options)` returns the SPEC result object for one note. It throws
 * EmptyNoteError (an InputError, code "empty_note") for a note with no text, as the CLI and the HTTP API
 * refuse one, and UnsupportedCodeError for a code not in SUPPORTED_CODES. `buildCard(code)` returns the code
 * card (docs/card.md) that `cdicheck explain --format json` prints.
 */
export { check, SUPPORTED_CODES, DEFAULT_MAX_NOTE_CHARS, NoteTooLargeError, UnsupportedCodeError } from "./check.js";
export { MAX_MENTIONS, MAX_EVIDENCE } from "./contract.js";
export type { CheckOptions } from "./check.js";
export { EmptyNoteError, InputError } from "./input.js";
export type { InputErrorCode } from "./input.js";
export { ResultSchema, resultJsonSchema, ELEMENT_IDS, VERDICTS } from "./schema.js";
export type { CheckResult, ElementResult, Suggestion, MentionJson, ElementId, Verdict } from "./schema.js";
export { buildCard, cardCodes, MalformedCodeError, UnknownCodeError } from "./card/card.js";
export { CodeCardSchema } from "./card/schema.js";
export type { CodeCard, Answer, Statement, Citation } from "./card/schema.js";
