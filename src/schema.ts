/**
 * The result contract (SPEC section 2) as a zod schema. `cdicheck schema` prints its JSON Schema and
 * every result the library builds is checked against it in tests.
 */
import { z } from "zod";
import { ELEMENT_IDS, SCHEMA_VERSION, VERDICTS } from "./contract.js";
import { PROCEDURE_STATUSES, QUERY_OPTION_KINDS, QUERY_TARGETS, SECTION_KINDS } from "./domain.js";

export { ELEMENT_IDS, SCHEMA_VERSION, VERDICTS, type ElementId, type Verdict } from "./contract.js";

export const EvidenceSchema = z
  .object({
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    text: z.string(),
  })
  .describe("A span of the note: text === note.slice(start, end), UTF-16 indexes.");

export const AssertionSchema = z.object({
  negated: z.boolean(),
  uncertain: z.boolean(),
  hypothetical: z.boolean(),
  historical: z.boolean(),
  experiencer: z.enum(["patient", "other"]),
});

export const CueSchema = EvidenceSchema.extend({
  category: z.enum(["negated", "uncertain", "hypothetical", "historical", "experiencer"]),
  rule: z.string(),
});

export const ElementSchema = z.object({
  id: z.enum(ELEMENT_IDS),
  status: z.enum(["present", "partial", "missing"]),
  required: z.boolean(),
  evidence: z.array(EvidenceSchema),
  evidenceOmitted: z.number().int().positive().optional().describe("Evidence spans left out after the first 50 (present only when some were)."),
  message: z.string(),
});

export const SuggestionSchema = z.object({
  code: z.string(),
  relation: z.enum(["instead", "additional", "consider"]),
  reason: z.string(),
  evidence: z.array(EvidenceSchema),
  evidenceOmitted: z.number().int().positive().optional().describe("Evidence spans left out after the first 50 (present only when some were)."),
  rule: z.string().describe("Id of the routing rule that made the suggestion."),
  title: z.string().describe("Official ICD-10-CM title of the suggested code."),
});

export const MentionSchema = z.object({
  type: z.string(),
  label: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
  section: z.string().nullable(),
  assertion: AssertionSchema,
  cues: z.array(CueSchema).describe("The triggers or section defaults that decided the assertion."),
  segments: z.array(z.string()).optional().describe("Spine segments a segment mention covers (C0 = occiput)."),
  procedure: z
    .object({
      status: z.enum(PROCEDURE_STATUSES),
      cue: EvidenceSchema.extend({ rule: z.string() }).nullable(),
    })
    .optional()
    .describe("For a mention of an operation: what happened to it (performed, performed_here, planned, proposed, discussed, consented, declined, conditional, negated, other) and the words that decided it (a trigger, a section header, the document's title), null when nothing in the note said."),
});

export const QueryIndicatorSchema = EvidenceSchema.extend({
  section: z.enum(SECTION_KINDS).exclude(["other"]).nullable().describe("Kind of the section the words are in; null outside a recognised section."),
  heading: z.string().nullable().describe("The section's header as written in the note, or null when there is none."),
  date: EvidenceSchema.optional().describe("A date the note states with these words (in their sentence, else in their section's header), when there is one."),
}).describe("A clinical indicator: words of the note the query quotes, text === note.slice(start, end).");

export const QueryOptionSchema = z.object({
  label: z.string().describe("The option as the provider reads it."),
  kind: z.enum(QUERY_OPTION_KINDS).describe("answer, or the two options every query ends with: other (please specify), unable to determine."),
  evidence: z.array(EvidenceSchema).describe("The note's words the option is built from (each mention of a documented cause); empty for a generic option."),
});

export const QueryDetailSchema = z.object({
  id: z.string().describe("Stable within a result: 'query-' and what the query closes."),
  closes: z.enum(QUERY_TARGETS).describe("The element the answer would complete, or 'diagnosis' for a fusion documented only as uncertain."),
  indicators: z.array(QueryIndicatorSchema).min(1),
  question: z.string(),
  options: z.array(QueryOptionSchema).min(3).describe("Clinical answers built from what the note documents, then 'Other (please specify)' and 'Unable to determine'."),
  text: z.string().describe("The query as one string: the same string as in `queries`, at the same index."),
});

export const FamilyEntrySchema = z.object({
  code: z.string(),
  verdict: z.enum(VERDICTS),
  score: z.number().int().min(0).max(100),
});

export const ResultSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  id: z.string().optional(),
  code: z.string(),
  verdict: z.enum(VERDICTS),
  score: z.number().int().min(0).max(100),
  summary: z.string().describe("One sentence explaining the verdict."),
  elements: z.array(ElementSchema).length(5),
  missing: z.array(z.enum(ELEMENT_IDS)),
  suggestions: z.array(SuggestionSchema),
  queries: z.array(z.string()),
  queryDetails: z.array(QueryDetailSchema).describe("The provider queries in structured form, one per entry of `queries`, in the same order."),
  mentions: z.array(MentionSchema).describe("Mentions in note order, at most 500."),
  mentionsOmitted: z.number().int().positive().optional().describe("Mentions left out after the first 500 (present only when some were)."),
  family: z
    .array(FamilyEntrySchema)
    .optional()
    .describe("Only when the category M43.2 was checked: every code of the family (M43.20 to M43.28) with its verdict and score; the rest of the result is the one for `code`, the code the note best supports."),
});

export type EvidenceJson = z.infer<typeof EvidenceSchema>;
export type ElementResult = z.infer<typeof ElementSchema>;
export type Suggestion = z.infer<typeof SuggestionSchema>;
export type MentionJson = z.infer<typeof MentionSchema>;
export type QueryDetail = z.infer<typeof QueryDetailSchema>;
export type QueryIndicator = z.infer<typeof QueryIndicatorSchema>;
export type CheckResult = z.infer<typeof ResultSchema>;
export type FamilyEntry = z.infer<typeof FamilyEntrySchema>;

export function resultJsonSchema(): unknown {
  return z.toJSONSchema(ResultSchema, { target: "draft-2020-12" });
}
