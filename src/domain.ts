/**
 * The closed lists of the domain, in one place. Lexicon schemas use them as zod enums (a typo in a
 * lexicon fails at load), the pipeline's types are derived from them, and the docs tables are generated
 * from them.
 */
import { ELEMENT_IDS } from "./contract.js";

/** Section kinds the section stage recognises (lexicons/sections.json maps headers to these). */
export const SECTION_KINDS = [
  "chief_complaint",
  "hpi",
  "pmh",
  "psh",
  "family_history",
  "social_history",
  "medications",
  "allergies",
  "ros",
  "exam",
  "imaging",
  "impression",
  "assessment",
  "plan",
  "procedure",
  "indication",
  "risks",
  "other",
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

/** Kinds of lexicon mention (lexicons/*.json `type`). */
export const MENTION_TYPES = [
  "segment",
  "region",
  "body_site",
  "fusion",
  "etiology",
  "surgery",
  "congenital",
  "pseudarthrosis",
  "imaging",
  "imaging_finding",
  "imaging_status",
  "open_joint",
  "limitation",
  "link",
] as const;
export type MentionType = (typeof MENTION_TYPES)[number];

/** Causes a disease mention can name (lexicons/etiology.json `cause`); routing acts on them. */
export const CAUSES = [
  "ra",
  "ra_seronegative",
  "jia",
  "jia_systemic",
  "as",
  "as_juvenile",
  "dish",
  "psoriatic",
  "spondyloarthritis",
  "inflammatory",
  "infection",
  "degenerative",
  "trauma",
  "other",
  "klippel_feil",
] as const;
export type Cause = (typeof CAUSES)[number];

/** Spine regions of the M43.2- family, by the 5th character of the code (M43.21 ... M43.28). */
export const REGIONS = [
  "occipito_atlanto_axial",
  "cervical",
  "cervicothoracic",
  "thoracic",
  "thoracolumbar",
  "lumbar",
  "lumbosacral",
  "sacral",
] as const;
export type Region = (typeof REGIONS)[number];

/** What the 5th character of an M43.2- code names: one of the eight regions, or no site (M43.20). */
export const CODE_REGIONS = ["unspecified", ...REGIONS] as const;
export type CodeRegion = (typeof CODE_REGIONS)[number];

/**
 * Where a fusion is: the region itself, near it (vague: "craniocervical junction"), the cervical spine with
 * no levels, the spine with no site, other spine, elsewhere, or not said.
 */
export const SITES = ["region", "vague", "cervical", "spine", "other_spine", "non_spine", "none"] as const;
export type Site = (typeof SITES)[number];

export const ORIGINS = ["surgical", "congenital", "klippel_feil", "acquired", "unknown"] as const;
export type Origin = (typeof ORIGINS)[number];

/**
 * What happened to an operation a note names (THYME-style event status, for procedures):
 * - performed: done to this patient before the note ("s/p C1-C2 fusion 2019");
 * - performed_here: done in this encounter (the operative or procedure note of the operation itself);
 * - planned: scheduled or booked; proposed: recommended, offered, indicated, a candidate for;
 * - discussed: options, risks and benefits, education, with no decision; consented: consent obtained;
 * - declined: refused, deferred, postponed or cancelled; conditional: only if something happens;
 * - negated: the note says it did not happen; other: someone else's operation.
 */
export const PROCEDURE_STATUSES = [
  "performed",
  "performed_here",
  "planned",
  "proposed",
  "discussed",
  "consented",
  "declined",
  "conditional",
  "negated",
  "other",
] as const;
export type ProcedureStatus = (typeof PROCEDURE_STATUSES)[number];

/** Statuses under which an operation has actually been done to the patient. */
export const ACTUAL_STATUSES: ReadonlySet<ProcedureStatus> = new Set(["performed", "performed_here"]);

/**
 * What a hypothetical ConText trigger says about time: a condition to watch for, a test to find out, or
 * one of the not-yet-real operation statuses. `workup` is for tests ("evaluate for"), not operations.
 */
export const HYPOTHETICAL_KINDS = ["conditional", "workup", "planned", "proposed", "discussed", "consented", "declined"] as const;
export type HypotheticalKind = (typeof HYPOTHETICAL_KINDS)[number];

/**
 * When several hypothetical triggers reach one target, the one that settles what happened wins: a refusal
 * over the offer it answers ("offered but declined"), consent over the talk before it, and a condition over
 * everything it governs ("if she worsens we will schedule", "consent would be obtained only if the halo
 * fails"). Higher wins; distance breaks ties.
 */
export const HYPOTHETICAL_PRIORITY: Readonly<Record<HypotheticalKind, number>> = {
  conditional: 7,
  declined: 6,
  consented: 5,
  planned: 3,
  proposed: 2,
  discussed: 1,
  workup: 0,
};

/** The operation status a hypothetical trigger's kind gives. */
export const STATUS_OF_KIND: Readonly<Record<HypotheticalKind, ProcedureStatus>> = {
  conditional: "conditional",
  workup: "proposed",
  planned: "planned",
  proposed: "proposed",
  discussed: "discussed",
  consented: "consented",
  declined: "declined",
};

/**
 * What a historical trigger that says an operation was done says about it (lexicons/context.json `performed`).
 * `owned` is the weakest: a possessive ("her C1-C2 fusion") says the fusion is the patient's and exists, so
 * talk about it nearer than any other cue records no operation to come; it never makes a fusion surgical.
 */
export const PERFORMED_KINDS = ["surgery", "past", "done", "owned"] as const;
export type PerformedKind = (typeof PERFORMED_KINDS)[number];

/**
 * What a verb says about an operation it governs (lexicons/verbs.json): a status the operation has, or
 * `done`, a verb of doing that says the operation happened only in the past tense ("underwent", "had").
 */
export const VERB_CLASSES = ["planned", "proposed", "discussed", "consented", "declined", "conditional", "done"] as const;
export type VerbClass = (typeof VERB_CLASSES)[number];

/** Kinds of document the note is, as far as operation status goes. */
export const DOCUMENT_KINDS = ["operative", "preoperative", "consent", "education", "other"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * A neutral clinical name for each cause, for the options of a provider query (the note's own words follow in
 * quotes when they differ). "other" has none: the option names the note's words.
 */
export const CAUSE_NAMES: Readonly<Record<Cause, string>> = {
  ra: "rheumatoid arthritis",
  ra_seronegative: "seronegative rheumatoid arthritis",
  jia: "juvenile idiopathic arthritis",
  jia_systemic: "systemic-onset juvenile idiopathic arthritis",
  as: "ankylosing spondylitis",
  as_juvenile: "juvenile ankylosing spondylitis",
  dish: "diffuse idiopathic skeletal hyperostosis",
  psoriatic: "psoriatic arthritis",
  spondyloarthritis: "spondyloarthritis",
  inflammatory: "inflammatory arthritis",
  infection: "infection",
  degenerative: "degenerative disease",
  trauma: "trauma",
  other: "",
  klippel_feil: "Klippel-Feil syndrome",
};

/** A neutral name for each section kind, for the clinical indicators a provider query quotes ("other" has none). */
export const SECTION_NAMES: Readonly<Record<SectionKind, string>> = {
  chief_complaint: "Chief complaint",
  hpi: "History of present illness",
  pmh: "Past medical history",
  psh: "Past surgical history",
  family_history: "Family history",
  social_history: "Social history",
  medications: "Medications",
  allergies: "Allergies",
  ros: "Review of systems",
  exam: "Examination",
  imaging: "Imaging",
  impression: "Impression",
  assessment: "Assessment",
  plan: "Plan",
  procedure: "Procedure",
  indication: "Indication",
  risks: "Risks",
  other: "",
};

/**
 * What a provider query closes: one of the five documentation elements, or "diagnosis" for the query that asks
 * the provider to confirm or rule out a fusion documented only as uncertain.
 */
export const QUERY_TARGETS = [...ELEMENT_IDS, "diagnosis"] as const;
export type QueryTarget = (typeof QUERY_TARGETS)[number];

/** Kinds of option in a provider query: a clinical answer, "Other (please specify)", "Unable to determine". */
export const QUERY_OPTION_KINDS = ["answer", "other", "unable_to_determine"] as const;
export type QueryOptionKind = (typeof QUERY_OPTION_KINDS)[number];
