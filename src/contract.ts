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

/** The ICD-10-CM codes cdicheck checks notes against. */
export const SUPPORTED_CODES = ["M43.21"] as const;

export class UnsupportedCodeError extends Error {
  constructor(readonly code: string) {
    super(`unsupported code "${code}": cdicheck supports ${SUPPORTED_CODES.join(", ")}`);
    this.name = "UnsupportedCodeError";
  }
}
