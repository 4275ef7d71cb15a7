/**
 * The shape of lexicons/documents.json: document kinds (operative report, pre-operative history...) told by
 * their title and field headers, and headers that give an operation's status by themselves.
 */
import { z } from "zod";
import { DOCUMENT_KINDS, PROCEDURE_STATUSES } from "../domain.js";

const phrase = z
  .string()
  .min(1)
  .refine((s) => s === s.trim() && s === s.toLowerCase(), "lowercase, no leading or trailing spaces");

export const DocumentsLexiconSchema = z
  .strictObject({
    description: z.string(),
    kinds: z.array(
      z.strictObject({
        kind: z.enum(DOCUMENT_KINDS).exclude(["other"]),
        /** Status of an operation the document names with no status words of its own. */
        defaultStatus: z.enum(PROCEDURE_STATUSES),
        /** Words of the note's title (its first line), matched as a phrase inside it. */
        titles: z.array(phrase),
        /** Field headers, matched as the whole header. */
        headers: z.array(phrase),
      }),
    ),
    statusHeaders: z.array(z.strictObject({ status: z.enum(PROCEDURE_STATUSES), headers: z.array(phrase).min(1) })),
    procedureHeaders: z.strictObject({ note: z.string(), headers: z.array(phrase).min(1) }),
    /**
     * Labels of the note's own date ("Date of service: 11/27/2026"), looked for at the start of the note's first
     * `within` sentences; the first full date after the label is the note's date.
     */
    noteDateLabels: z.strictObject({
      note: z.string(),
      labels: z.array(phrase).min(1),
      /** Labels that start like one of `labels` but date something else ("date of birth"). */
      except: z.array(phrase),
      within: z.number().int().min(1).max(20),
    }),
  })
  .superRefine((lex, ctx) => {
    const seen = new Map<string, string>();
    lex.statusHeaders.forEach((s, i) =>
      s.headers.forEach((h, j) => {
        if (seen.has(h)) ctx.addIssue({ code: "custom", path: ["statusHeaders", i, "headers", j], message: `header "${h}" also gives status ${seen.get(h)}` });
        seen.set(h, s.status);
      }),
    );
    const kinds = lex.kinds.map((k) => k.kind);
    kinds.forEach((k, i) => {
      if (kinds.indexOf(k) !== i) ctx.addIssue({ code: "custom", path: ["kinds", i, "kind"], message: `duplicate kind "${k}"` });
    });
  });
export type DocumentsLexicon = z.infer<typeof DocumentsLexiconSchema>;
