/**
 * The shape of lexicons/verbs.json: what a verb says about an operation it governs, by the verb's lemma
 * (compromise gives the lemma and the tense), and what a modal auxiliary says when the verb itself does not.
 */
import { z } from "zod";
import { VERB_CLASSES } from "../domain.js";

const Lemma = z.string().regex(/^[a-z]+$/, "one lowercase word, the verb's infinitive");

export const VerbsLexiconSchema = z
  .strictObject({
    $comment: z.string().optional(),
    version: z.literal(1),
    /** Verb lemmas by the status of an operation they govern ("recommend" -> proposed). */
    classes: z.array(
      z.strictObject({
        class: z.enum(VERB_CLASSES),
        lemmas: z.array(Lemma).min(1),
        note: z.string().optional(),
      }),
    ),
    /** Modal auxiliaries by the status they give a verb of no class ("will have" -> planned, "would stabilise" -> conditional). */
    modals: z.array(z.strictObject({ words: z.array(Lemma).min(1), class: z.enum(VERB_CLASSES), note: z.string().optional() })),
    /**
     * Words that, right before a past participle with no auxiliary, make it an adjective of the operation after it
     * ("the previously recommended C1-C2 fusion was carried out today": "carried out" governs it, not "recommended").
     */
    attributiveAfter: z.array(Lemma).min(1),
    /**
     * Subjects that, right before a verb after the operation, open a relative clause about it ("the C1-C2 fusion we
     * discussed last year was performed in March"): that verb is not what happened to the operation.
     */
    relativeSubjects: z.array(Lemma).min(1),
    /** Words that, right after a verb before the operation, make the operation no object of it ("testing completed for the fusion"). */
    prepositions: z.array(Lemma).min(1),
  })
  .superRefine((lex, ctx) => {
    const seen = new Map<string, string>();
    lex.classes.forEach((c, i) =>
      c.lemmas.forEach((l, j) => {
        const prev = seen.get(l);
        if (prev !== undefined) ctx.addIssue({ code: "custom", path: ["classes", i, "lemmas", j], message: `"${l}" is already in class ${prev}` });
        seen.set(l, c.class);
      }),
    );
  });
export type VerbsLexicon = z.infer<typeof VerbsLexiconSchema>;
