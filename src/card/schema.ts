/**
 * The code card (`cdicheck explain`, `GET /v1/codes/{code}`): its zod schema and types. A card holds no
 * patient data; it is built from the official ICD-10-CM extracts in data/icd10cm/ and the rule metas.
 */
import { z } from "zod";
import { NOTE_KINDS } from "./icd10cm.js";

/** An element of the Tabular List: a code's title or one of its notes, a block's or chapter's, or an introduction note. */
export const TabularCitationSchema = z.strictObject({
  source: z.literal("tabular"),
  file: z.string(),
  scope: z.enum(["diag", "section", "chapter", "introduction"]),
  /** The code, the block id, the chapter number, or (introduction) the heading of the instruction. */
  code: z.string(),
  kind: z.enum(["title", "instruction", ...NOTE_KINDS]),
  /** The element's text exactly as in the file (entities decoded). */
  text: z.string(),
});

/** An entry of the Alphabetic Index: the titles from the main term down, and the code it gives. */
export const IndexCitationSchema = z.strictObject({
  source: z.literal("index"),
  file: z.string(),
  kind: z.literal("indexTerm"),
  path: z.array(z.string()).min(1),
  code: z.string(),
  /** The last title of the path, exactly as rendered from the file. */
  text: z.string(),
});

/** A rule of this checker (not official text): an element or routing rule and the words of its meta quoted. */
export const RuleCitationSchema = z.strictObject({
  source: z.literal("rule"),
  kind: z.enum(["element", "routing"]),
  rule: z.string(),
  /** Which meta field is quoted: the description, or what makes an element present or partial. */
  field: z.enum(["description", "criteria.present", "criteria.partial"]),
  text: z.string(),
});

export const CitationSchema = z.discriminatedUnion("source", [TabularCitationSchema, IndexCitationSchema, RuleCitationSchema]);
export type Citation = z.infer<typeof CitationSchema>;
export type TabularCitation = z.infer<typeof TabularCitationSchema>;
export type IndexCitation = z.infer<typeof IndexCitationSchema>;
export type RuleCitation = z.infer<typeof RuleCitationSchema>;

/**
 * One statement of an answer. `official`: it rests on the official text it cites. `rule`: it says what
 * cdicheck does (a rule cited). `not_in_repository`: nothing official in this repository decides it, and it
 * says so (it may still cite what exists).
 */
export const StatementSchema = z.strictObject({
  basis: z.enum(["official", "rule", "not_in_repository"]),
  text: z.string(),
  citations: z.array(CitationSchema),
});
export type Statement = z.infer<typeof StatementSchema>;

export const AnswerSchema = z.strictObject({
  id: z.string(),
  question: z.string(),
  /** `answered`: the official text decides it; `partly`: in part; `not_decided`: the official text here does not. */
  status: z.enum(["answered", "partly", "not_decided"]),
  /** The answer in a few words. */
  short: z.string(),
  statements: z.array(StatementSchema).min(1),
});
export type Answer = z.infer<typeof AnswerSchema>;

const Coded = z.strictObject({ code: z.string(), title: z.string(), citation: CitationSchema });

export const CodeCardSchema = z.strictObject({
  cardVersion: z.literal(1),
  code: z.string(),
  title: z.string(),
  titleCitation: CitationSchema,
  /** Valid for reporting: the code has no subcodes and needs no 7th character. */
  billable: z.boolean(),
  billableReason: StatementSchema,
  /** Chapter, blocks, category and subcategories, outermost first. */
  hierarchy: z.array(z.strictObject({ level: z.enum(["chapter", "block", "category", "subcategory"]), code: z.string(), title: z.string(), citation: CitationSchema })),
  /** The instructional notes that apply to the code (its own and its ancestors'), outermost first. */
  notes: z.array(z.strictObject({ kind: z.enum(NOTE_KINDS), at: z.string(), text: z.string(), citation: CitationSchema })),
  /** What each kind of note on this card means, from the Tabular List's introduction. */
  noteKinds: z.array(z.strictObject({ kind: z.string(), meaning: z.string(), citation: CitationSchema })),
  /** Index entries that lead to the code. */
  index: z.array(IndexCitationSchema),
  /** The other codes of its subcategory. */
  siblings: z.array(Coded),
  /** Whether `cdicheck check --code` accepts the code, and which code the element and routing rules were written for. */
  checker: z.strictObject({ checksThisCode: z.boolean(), rulesWrittenFor: z.array(z.string()) }),
  elements: z.array(
    z.strictObject({
      id: z.string(),
      required: z.boolean(),
      description: z.string(),
      present: z.string(),
      partial: z.string().nullable(),
      citations: z.array(RuleCitationSchema),
    }),
  ),
  /** Routing rules (each with the codes it sends to and why) and the official Excludes notes no rule covers. */
  pitfalls: z.array(
    z.strictObject({
      rule: z.string().nullable(),
      description: z.string(),
      codes: z.array(Coded),
      official: z.array(CitationSchema),
    }),
  ),
  questions: z.array(AnswerSchema),
  sources: z.array(z.strictObject({ file: z.string(), release: z.string() })),
});
export type CodeCard = z.infer<typeof CodeCardSchema>;
