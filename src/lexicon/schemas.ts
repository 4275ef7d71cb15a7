/** Each kind of lexicon file (files.ts) and its zod schema. Loading this module loads zod. */
import type { z } from "zod";
import { ContextLexiconSchema } from "./context-schema.js";
import { DocumentsLexiconSchema } from "./documents-schema.js";
import type { LexiconKind } from "./files.js";
import { CodesLexiconSchema, FuzzyLexiconSchema, RegionsLexiconSchema, SectionsLexiconSchema, TermLexiconSchema } from "./schema.js";
import { VerbsLexiconSchema } from "./verbs-schema.js";

export const SCHEMAS = {
  term: TermLexiconSchema,
  fuzzy: FuzzyLexiconSchema,
  sections: SectionsLexiconSchema,
  codes: CodesLexiconSchema,
  regions: RegionsLexiconSchema,
  context: ContextLexiconSchema,
  documents: DocumentsLexiconSchema,
  verbs: VerbsLexiconSchema,
} as const satisfies Record<LexiconKind, z.ZodType>;

export type LexiconOf = { [K in LexiconKind]: z.infer<(typeof SCHEMAS)[K]> };
