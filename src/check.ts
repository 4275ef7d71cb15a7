/**
 * check(): one note in, one result out. The pipeline stages are wired in src/pipeline/; this file
 * only validates the request and assembles the result.
 */
import { ELEMENT_IDS, SCHEMA_VERSION, type CheckResult } from "./schema.js";

export const SUPPORTED_CODES = ["M43.21"] as const;

export interface CheckOptions {
  /** The ICD-10-CM code to check the note against (only M43.21 today). */
  code?: string;
  /** An id to echo in the result. */
  id?: string;
}

export class UnsupportedCodeError extends Error {
  constructor(readonly code: string) {
    super(`unsupported code "${code}": cdicheck supports ${SUPPORTED_CODES.join(", ")}`);
    this.name = "UnsupportedCodeError";
  }
}

// TEMPORARY (replaced by the pipeline in this session): returns a well-formed empty result.
export function check(text: string, options: CheckOptions = {}): CheckResult {
  const code = options.code ?? "M43.21";
  if (!(SUPPORTED_CODES as readonly string[]).includes(code)) throw new UnsupportedCodeError(code);
  void text;
  return {
    schemaVersion: SCHEMA_VERSION,
    ...(options.id !== undefined ? { id: options.id } : {}),
    code,
    verdict: "not_documented",
    score: 0,
    summary: "No fusion or ankylosis of the occipito-atlanto-axial region is documented.",
    elements: ELEMENT_IDS.map((id) => ({
      id,
      status: "missing" as const,
      required: id === "segments" || id === "etiology" || id === "imaging",
      evidence: [],
      message: "",
    })),
    missing: [...ELEMENT_IDS],
    suggestions: [],
    queries: [],
    mentions: [],
  };
}
