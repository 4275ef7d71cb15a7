/**
 * The library entry: `check(text, options)` returns the SPEC result object for one note.
 */
export { check, SUPPORTED_CODES } from "./check.js";
export type { CheckOptions } from "./check.js";
export { ResultSchema, resultJsonSchema, ELEMENT_IDS, VERDICTS } from "./schema.js";
export type { CheckResult, ElementResult, Suggestion, MentionJson, ElementId, Verdict } from "./schema.js";
