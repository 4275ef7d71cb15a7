/**
 * Strict zod schemas for the vocabulary files in lexicons/. Unknown keys are errors; so are duplicate ids,
 * duplicate terms inside an entry, and fields that do not fit the entry's type.
 */
import { z } from "zod";
import { SECTION_KINDS } from "../types.js";

import { CAUSES, CODE_REGIONS, MENTION_TYPES, type Cause, type MentionType } from "../domain.js";
export { CAUSES, MENTION_TYPES, type Cause, type MentionType };

/** C0 is the occiput; then C1..C8, T1..T12, L1..L5, S1..S5. */
export const SEGMENT_NAME = z.string().regex(/^(C[0-8]|T([1-9]|1[0-2])|L[1-5]|S[1-5])$/, "a segment name such as C0, C1, T12 or L5");

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "lowercase letters, digits and hyphens");
const term = z.string().min(1).refine((s) => s === s.trim(), "no leading or trailing spaces");

export const TermEntrySchema = z.strictObject({
  id,
  label: z.string().min(1),
  type: z.enum(MENTION_TYPES),
  kind: z.string().min(1),
  terms: z.array(term).min(1),
  /** Abbreviations matched only as written (RA, AS, DISH) and skipped in all-capitals text. */
  caseSensitive: z.array(term).optional(),
  /** Case-sensitive abbreviations that are ordinary words when a whole line is in capitals ("AS"). */
  capsAmbiguous: z.array(term).optional(),
  /** For segment words: the segments they name. */
  segments: z.array(SEGMENT_NAME).optional(),
  /** For disease causes: which cause, so routing can act on it. */
  cause: z.enum(CAUSES).optional(),
  /**
   * For operations done through an intervertebral disc (ACDF, interbody fusion): none can be at occiput-C1 or
   * C1-C2, which have no disc, so levels there are not the operation's site.
   */
  needsDisc: z.literal(true).optional(),
});
export type TermEntry = z.infer<typeof TermEntrySchema>;

export const ExclusionSchema = z.strictObject({
  id,
  reason: z.string().min(1),
  terms: z.array(term).min(1),
  /** Mention types an exclusion removes where it matches (e.g. "fusion beats" removes fusion findings). */
  removes: z.array(z.enum(MENTION_TYPES)).min(1),
  /**
   * `sentence`: a term sets the sense of its whole sentence, so the exclusion removes those mentions anywhere in
   * it ("deformable registration" makes every "fusion" of its sentence image registration, not a spine fusion).
   * Absent: only mentions inside the matched words.
   */
  scope: z.literal("sentence").optional(),
});
export type Exclusion = z.infer<typeof ExclusionSchema>;

function noDuplicates<T>(items: readonly T[], key: (t: T) => string, what: string, ctx: z.RefinementCtx, path: (string | number)[]) {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) ctx.addIssue({ code: "custom", message: `duplicate ${what} "${k}" (also at ${seen.get(k)})`, path: [...path, i] });
    else seen.set(k, i);
  });
}

export const TermLexiconSchema = z
  .strictObject({
    description: z.string().min(1),
    entries: z.array(TermEntrySchema).min(1),
    exclusions: z.array(ExclusionSchema).optional(),
    occiputAliases: z.array(term).optional(),
    /**
     * Words that, just before a capsAmbiguous abbreviation in all-capitals text, make it the diagnosis
     * again ("SECONDARY TO AS", "KNOWN AS"); matched case-insensitively, ending at the abbreviation.
     */
    capsDiagnosisCues: z.array(term).optional(),
    /**
     * A cause written generically ("the spondylitis", "RA") that stands for a more specific one the note
     * names elsewhere ("juvenile ankylosing spondylitis", "seronegative RA"): generic cause -> the specific
     * causes it may stand for, most specific first.
     */
    specificCauses: z.partialRecord(z.enum(CAUSES), z.array(z.enum(CAUSES)).min(1)).optional(),
    /** Single words a match may pass over inside any term (degree adverbs: "rotation is markedly limited"). */
    skipInside: z.array(term).optional(),
    /**
     * How a disease cause is tied to a fusion by position (lexicons/links.json; src/pipeline/facts/causes.ts): a
     * cause written as a modifier stands at most `maxWords` words and `maxChars` characters before the fusion,
     * with no `listWords` between (a list is juxtaposition, not a tie); `determiners` may stand between a link
     * and its cause ("due to her RA", "attributed the fusion to his long-standing DISH"); `temporalLinks` order
     * events rather than tie a cause named before the fusion; `splitVerbTo` is the word before the cause of a
     * split causal verb.
     */
    causeGap: z
      .strictObject({
        maxChars: z.number().int().min(1).max(200),
        maxWords: z.number().int().min(1).max(10),
        listWords: z.array(term).min(1),
        determiners: z.array(term).min(1),
        temporalLinks: z.array(term).min(1),
        splitVerbTo: term,
      })
      .optional(),
    /** Range of motion written as degrees ("cervical rotation 15° each side"): below the limit, the entry's limitation. */
    measuredMotion: z
      .array(
        z.strictObject({
          entry: id,
          /** Words for the motion ("rotation"); the measurement follows within `window` tokens. */
          words: z.array(term).min(1),
          /** Every value written must be below this many degrees for the motion to count as limited. */
          limitedBelowDegrees: z.number().positive().max(180),
          window: z.number().int().min(1).max(20),
          /** Just before the motion word (up to three tokens), these mean another joint or a radiographic measure. */
          notAfter: z.array(term),
          /** Words that end the measurement (the next motion): "rotation 80°, flexion 20°". */
          stopAt: z.array(term),
          /** How degrees are written after a number ("°", "degrees"). */
          units: z.array(term).min(1),
          /** A side written after a number stands for degrees too ("rotation 35 R / 30 L"). */
          sides: z.array(term),
        }),
      )
      .optional(),
  })
  .superRefine((lex, ctx) => {
    noDuplicates(lex.entries, (e) => e.id, "id", ctx, ["entries"]);
    (lex.measuredMotion ?? []).forEach((m, i) => {
      if (!lex.entries.some((e) => e.id === m.entry)) ctx.addIssue({ code: "custom", message: `no entry "${m.entry}" in this file`, path: ["measuredMotion", i, "entry"] });
    });
    lex.entries.forEach((e, i) => {
      noDuplicates(e.terms, (t) => t.toLowerCase(), "term", ctx, ["entries", i, "terms"]);
      if (e.type === "etiology" && e.kind === "disease" && !e.cause) {
        ctx.addIssue({ code: "custom", message: "a disease etiology needs a cause", path: ["entries", i, "cause"] });
      }
      if (e.cause && e.type !== "etiology" && e.type !== "congenital") {
        ctx.addIssue({ code: "custom", message: "only etiology and congenital entries name a cause", path: ["entries", i, "cause"] });
      }
      for (const a of e.capsAmbiguous ?? []) {
        if (!(e.caseSensitive ?? []).includes(a)) ctx.addIssue({ code: "custom", message: `"${a}" must also be listed in caseSensitive`, path: ["entries", i, "capsAmbiguous"] });
      }
      if (e.type === "segment" && !(e.segments && e.segments.length)) {
        ctx.addIssue({ code: "custom", message: "a segment entry lists its segments", path: ["entries", i, "segments"] });
      }
    });
  });
export type TermLexicon = z.infer<typeof TermLexiconSchema>;

/** One word in lower-case letters (runOnBreaks). */
const lowercaseWord = z.string().regex(/^[a-z]+$/, "one lowercase word");

export const SectionsLexiconSchema = z
  .strictObject({
    description: z.string().min(1),
    sections: z.array(z.strictObject({ kind: z.enum(SECTION_KINDS), headers: z.array(term).min(1) })).min(1),
    imagingHeaderWords: z.array(term).min(1),
    /**
     * Sub-headings a section of these kinds holds ("Findings:" then "Craniocervical junction:", "Cord:"): a
     * header no list names, made of these words, stays in the section it sits in instead of opening an "other" one.
     */
    subheadings: z.strictObject({ within: z.array(z.enum(SECTION_KINDS)).min(1), words: z.array(term).min(1) }).optional(),
    /**
     * Punctuation as speech recognition writes it ("no fracture period the fusion is ..."): in a dictated note
     * (at least `dictatedAfter` spoken periods, and fewer real full stops) these words end a sentence.
     */
    spokenBreaks: z.array(term).min(1),
    spokenPeriod: term,
    dictatedAfter: z.number().int().min(1),
    /**
     * Dictation transcribed with no punctuation at all: in a run of at least `minChars` characters with no
     * sentence mark (. ; : ? !) and no spoken one ("period"), each of these header words opens a new sentence
     * ("... no hoffman sign imaging i reviewed the ct ... assessment bony ankylosis of c1 c2 ... plan barium
     * swallow"), unless a `notAfter` word comes just before it.
     */
    runOnBreaks: z
      .strictObject({
        minChars: z.number().int().min(40),
        words: z.array(lowercaseWord).min(1),
        /** Words after which a header word is an ordinary word ("no history of", "family history", "the plan"). */
        notAfter: z.array(lowercaseWord),
      })
      .optional(),
  })
  .superRefine((lex, ctx) => {
    noDuplicates(
      lex.sections.flatMap((s) => s.headers),
      (h) => h.toLowerCase(),
      "header",
      ctx,
      ["sections"],
    );
  });
export type SectionsLexicon = z.infer<typeof SectionsLexiconSchema>;

export const CodesLexiconSchema = z
  .strictObject({
    description: z.string().min(1),
    codes: z
      .array(
        z.strictObject({
          code: z.string().regex(/^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/, "an ICD-10-CM code"),
          title: z.string().min(1),
          region: z.enum(CODE_REGIONS).optional(),
        }),
      )
      .min(1),
  })
  .superRefine((lex, ctx) => noDuplicates(lex.codes, (c) => c.code, "code", ctx, ["codes"]));
export type CodesLexicon = z.infer<typeof CodesLexiconSchema>;

export const RegionsLexiconSchema = z
  .strictObject({
    description: z.string().min(1),
    regions: z
      .array(
        z.strictObject({
          region: z.enum(CODE_REGIONS),
          code: z.string().regex(/^M43\.2[0-8]$/, "a code of M43.2-"),
          name: z.string().min(1),
          segments: z.string().min(1),
          fused: z.string().min(1),
          segmentNames: z.string().min(1),
          study: z.string().min(1),
          regionWords: z.array(z.string().min(1)),
          namedJoints: z.array(z.strictObject({ entry: z.string().min(1), terms: z.array(z.string().min(1)).min(1).optional() })),
          ankylosingSpondylitis: z.string().regex(/^M45\.[0-9]$/),
          dish: z.string().regex(/^M48\.1[0-8]$/),
          klippelFeil: z.boolean(),
        }),
      )
      .length(CODE_REGIONS.length),
  })
  .superRefine((lex, ctx) => {
    noDuplicates(lex.regions, (r) => r.region, "region", ctx, ["regions"]);
    noDuplicates(lex.regions, (r) => r.code, "code", ctx, ["regions"]);
  });
export type RegionsLexicon = z.infer<typeof RegionsLexiconSchema>;

export { TERM_LEXICON_FILES, CUE_LEXICON_FILES } from "./files.js";

export const FuzzyLexiconSchema = z
  .strictObject({
    description: z.string().min(1),
    words: z.array(z.string().regex(/^[a-z]{8,}$/, "one lowercase word of at least 8 letters")).min(1),
  })
  .superRefine((lex, ctx) => noDuplicates(lex.words, (w) => w, "word", ctx, ["words"]));
