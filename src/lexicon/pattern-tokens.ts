/**
 * Helpers on ConText pattern tokens, kept apart from the zod schema (src/lexicon/context-schema.ts) so that the
 * engine can use them without loading zod when the build's lexicon snapshot is used.
 */
import type { PatternToken } from "./context-schema.js";

/** The set names a `{ set }` token (or a rule's antecedent) names. */
export function setNames(tok: { set: string | string[] }): string[] {
  return typeof tok.set === "string" ? [tok.set] : tok.set;
}

/** Whether a pattern token may be left out. */
export function isOptionalToken(tok: PatternToken): boolean {
  return typeof tok === "object" && ("in" in tok || "set" in tok) && tok.optional === true;
}
