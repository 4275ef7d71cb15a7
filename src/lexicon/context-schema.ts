/**
 * The shape of lexicons/context.json: ConText-style trigger rules kept as data. Every object is
 * strict (an unknown key is an error) and load-time checks below catch what a schema cannot
 * (duplicate ids, a pattern that can never match), each naming the entry and the field.
 */
import { z } from "zod";
import { isOptionalToken, setNames } from "./pattern-tokens.js";
import { CONTEXT_CATEGORIES, SECTION_KINDS } from "../types.js";

export const DIRECTIONS = ["forward", "backward", "bidirectional", "terminate", "pseudo"] as const;
export type Direction = (typeof DIRECTIONS)[number];

import { HYPOTHETICAL_KINDS, PERFORMED_KINDS, type HypotheticalKind } from "../domain.js";
export { HYPOTHETICAL_KINDS, type HypotheticalKind };

/** The word sets a token or an antecedent names: one set, or several. */
const SetNames = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/**
 * One token of a pattern: an exact (folded) token, one of several tokens (which may be optional), a
 * whole-token regular expression, "$", a zero-width check that the clause ends here (sentence end or
 * , ; . : ), or "^" as the first token, a zero-width check that the sentence starts here.
 */
const PatternToken = z.union([
  z.string().min(1),
  z.strictObject({
    in: z.array(z.string().min(1)).min(1),
    /** The token may be left out ("not (yet) rescheduled"); a pattern has at most MAX_OPTIONAL of them. */
    optional: z.literal(true).optional(),
  }),
  z.strictObject({ regex: z.string().min(1) }),
  /**
   * One word of a named vocabulary (`wordSets`), or of several: "her {relative}" is one rule for every
   * relative, friend or colleague, instead of a list copied into each rule that needs it.
   */
  z.strictObject({
    set: SetNames,
    optional: z.literal(true).optional(),
  }),
]);
/** Optional tokens one pattern may have (each doubles the sequences the pattern stands for). */
export const MAX_OPTIONAL = 3;
export type PatternToken = z.infer<typeof PatternToken>;

export const ContextRuleSchema = z.strictObject({
  /** Stable id, reported as `rule` in every cue this entry produces. */
  id: z.string().regex(/^[a-z][a-z0-9_.-]*$/, "lowercase letters, digits, '.', '_' or '-'"),
  /** The category the trigger sets; terminators and pseudo-triggers may say "any". */
  category: z.enum([...CONTEXT_CATEGORIES, "any"]),
  /** The trigger as written in a note; matched token by token, case-insensitively, unless `pattern` is given. */
  literal: z.string().min(1),
  /** Token pattern used instead of the literal's tokens (for variants the literal cannot express). */
  pattern: z.array(PatternToken).min(1).optional(),
  direction: z.enum(DIRECTIONS),
  /** Widest scope in word tokens; falls back to `defaultMaxScope[category]`. */
  maxScope: z.number().int().min(1).max(200).optional(),
  /** Mention types the rule applies to; absent = every target. */
  targetTypes: z.array(z.string().min(1)).min(1).optional(),
  /** For hypothetical triggers: which sense of "not (yet) real" the cue carries. */
  hypotheticalKind: z.enum(HYPOTHETICAL_KINDS).optional(),
  /**
   * For historical triggers that say an operation was done, so that an operation they reach is performed
   * even when a plan or a talk about it is also in reach: `surgery`, words that by themselves mean an
   * earlier operation ("s/p", "prior", "history of"; they make a bare "fusion" surgical); `past`, a time
   * before this note ("in 2015", "since her fusion"); `done`, a completion verb ("underwent", "was
   * performed"), which in an operative report may be the operation of this very encounter; `owned`, a
   * possessive ("her C1-C2 fusion"), which outweighs only talk and advice that lie farther from the operation.
   */
  performed: z.enum(PERFORMED_KINDS).optional(),
  /**
   * For terminators: hypothetical kinds whose forward scope goes on through this word. "shows" ends most
   * scopes ("no fracture, CT shows fusion") but not a condition's ("if C1-C2 shows bridging bone, ...").
   */
  spares: z.array(z.enum(HYPOTHETICAL_KINDS)).min(1).optional(),
  /**
   * `sentence`: a forward trigger reaches to the end of the sentence, a backward one to its start, through
   * commas and terminators ("If she clears cardiology and still wants surgery, then occipitocervical fusion":
   * the whole sentence is the condition's; "We offered C1-C2 fusion, which he turned down": the answer is the
   * offer's). Only hard breaks (sentence end, ";") stop it. Hypothetical triggers only, so that it is only the
   * outcome of an operation that reaches so far.
   */
  scope: z.literal("sentence").optional(),
  /**
   * For terminators that are adverbs of a verb group ("now", "still", "currently"): a backward trigger whose
   * verb they modify reaches through them when only auxiliaries stand between ("fusion is now booked").
   */
  adverb: z.literal(true).optional(),
  /**
   * For experiencer triggers: a proxy (a health-care proxy, a guardian, "on behalf of") acts for the patient, so
   * an operation they consent to or refuse is the patient's; a proxy outranks a relative it names.
   */
  proxy: z.literal(true).optional(),
  /**
   * For experiencer triggers: the trigger counts only when a word of these word sets stands at most `within`
   * tokens before it in the sentence. "who" opens a clause about the person just named: "accompanied by his
   * mother, Ms. W, who has Klippel-Feil syndrome with fused C1-C2" (the relative's), not "the patient, who has".
   */
  antecedent: z
    .strictObject({
      set: SetNames,
      within: z.number().int().min(1).max(20),
    })
    .optional(),
  /**
   * For experiencer triggers: the person named owns the event ("her son signed consent for his own fusion"): never
   * a proxy acting for the patient, whatever the operation's status.
   */
  owner: z.literal(true).optional(),
  /**
   * For hypothetical triggers that only suggest a time ("Friday's fusion", "fusion on 3/4"): a completion verb
   * governing the operation outranks them ("He had the arthrodesis on 3/4 and is healing well").
   */
  weak: z.literal(true).optional(),
  /** Why the rule exists, for the generated docs table. */
  note: z.string().optional(),
});
export type ContextRule = z.infer<typeof ContextRuleSchema>;

export const SectionDefaultSchema = z.strictObject({
  section: z.enum(SECTION_KINDS),
  category: z.enum(["historical", "experiencer", "hypothetical"]),
  note: z.string().optional(),
});
export type SectionDefault = z.infer<typeof SectionDefaultSchema>;

export const ContextLexiconSchema = z
  .strictObject({
    $comment: z.string().optional(),
    version: z.literal(1),
    defaultMaxScope: z.strictObject({
      negated: z.number().int().min(1),
      uncertain: z.number().int().min(1),
      hypothetical: z.number().int().min(1),
      historical: z.number().int().min(1),
      experiencer: z.number().int().min(1),
    }),
    /**
     * Per category: a forward scope crosses a comma only if the stretch since the last comma had at
     * most this many words (lists of short items go on; a clause then a comma ends). Absent = no limit.
     */
    listItemMaxWords: z
      .strictObject({
        negated: z.number().int().min(1).optional(),
        uncertain: z.number().int().min(1).optional(),
        hypothetical: z.number().int().min(1).optional(),
        historical: z.number().int().min(1).optional(),
        experiencer: z.number().int().min(1).optional(),
      })
      .optional(),
    sectionDefaults: z.array(SectionDefaultSchema),
    /** Auxiliary verbs of a verb group ("is", "has been"): an adverb terminator next to a trigger's verb is part of it. */
    auxiliaries: z.array(z.string().regex(/^[a-z']+$/, "one lowercase word")).optional(),
    /**
     * Named vocabularies that patterns use as `{ "set": name }` (relatives, acquaintances...), so that one list
     * serves every rule that needs it. Words are matched like `in` words (folded, token by token).
     */
    wordSets: z.record(z.string().regex(/^[a-z][a-z_]*$/, "lowercase letters and '_'"), z.array(z.string().min(1)).min(1)).optional(),
    rules: z.array(ContextRuleSchema).min(1),
  })
  .superRefine((lex, ctx) => {
    const seen = new Map<string, number>();
    lex.rules.forEach((rule, i) => {
      const prev = seen.get(rule.id);
      if (prev !== undefined) {
        ctx.addIssue({ code: "custom", path: ["rules", i, "id"], message: `duplicate id (also entry ${prev})` });
      }
      seen.set(rule.id, i);
      const isTrigger = rule.direction !== "terminate" && rule.direction !== "pseudo";
      if (isTrigger && rule.category === "any") {
        ctx.addIssue({ code: "custom", path: ["rules", i, "category"], message: `a ${rule.direction} trigger needs a real category, not "any"` });
      }
      if (rule.hypotheticalKind !== undefined && !(rule.category === "hypothetical" && isTrigger)) {
        ctx.addIssue({ code: "custom", path: ["rules", i, "hypotheticalKind"], message: "only hypothetical triggers carry a hypotheticalKind" });
      }
      if (rule.category === "hypothetical" && isTrigger && rule.hypotheticalKind === undefined) {
        ctx.addIssue({ code: "custom", path: ["rules", i, "hypotheticalKind"], message: `a hypothetical trigger must say its kind (${HYPOTHETICAL_KINDS.join(", ")})` });
      }
      if (rule.performed !== undefined && !(rule.category === "historical" && isTrigger)) {
        ctx.addIssue({ code: "custom", path: ["rules", i, "performed"], message: "only historical triggers say an operation was performed" });
      }
      if (rule.spares !== undefined && rule.direction !== "terminate") {
        ctx.addIssue({ code: "custom", path: ["rules", i, "spares"], message: "only terminators spare a kind of hypothetical scope" });
      }
      if (rule.maxScope !== undefined && !isTrigger) {
        ctx.addIssue({ code: "custom", path: ["rules", i, "maxScope"], message: `a ${rule.direction} rule has no scope` });
      }
      if (rule.scope !== undefined && !(rule.direction === "forward" || (rule.direction === "backward" && rule.category === "hypothetical"))) {
        ctx.addIssue({ code: "custom", path: ["rules", i, "scope"], message: "only forward triggers and backward hypothetical ones reach to the sentence's end or start" });
      }
      if (rule.proxy !== undefined && !(rule.category === "experiencer" && isTrigger)) {
        ctx.addIssue({ code: "custom", path: ["rules", i, "proxy"], message: "only experiencer triggers are proxies" });
      }
      if (rule.owner !== undefined && !(rule.category === "experiencer" && isTrigger)) {
        ctx.addIssue({ code: "custom", path: ["rules", i, "owner"], message: "only experiencer triggers name an event's owner" });
      }
      if (rule.weak !== undefined && !(rule.category === "hypothetical" && isTrigger)) {
        ctx.addIssue({ code: "custom", path: ["rules", i, "weak"], message: "only hypothetical triggers are weak" });
      }
      if (rule.antecedent !== undefined) {
        if (!(rule.category === "experiencer" && isTrigger)) {
          ctx.addIssue({ code: "custom", path: ["rules", i, "antecedent"], message: "only experiencer triggers need an antecedent" });
        }
        for (const name of setNames(rule.antecedent)) {
          if (!lex.wordSets?.[name]) ctx.addIssue({ code: "custom", path: ["rules", i, "antecedent", "set"], message: `no word set "${name}" in wordSets` });
        }
      }
      if (rule.adverb !== undefined && rule.direction !== "terminate") {
        ctx.addIssue({ code: "custom", path: ["rules", i, "adverb"], message: "only terminators are verb-group adverbs" });
      }
      const optional = rule.pattern?.filter(isOptionalToken).length ?? 0;
      if (optional > MAX_OPTIONAL) {
        ctx.addIssue({ code: "custom", path: ["rules", i, "pattern"], message: `at most ${MAX_OPTIONAL} optional tokens (found ${optional})` });
      }
      if (rule.pattern !== undefined && rule.pattern.every(isOptionalToken)) {
        ctx.addIssue({ code: "custom", path: ["rules", i, "pattern"], message: "a pattern needs at least one token that is not optional" });
      }
      rule.pattern?.forEach((tok, j) => {
        if (tok === "$" && j !== rule.pattern!.length - 1) {
          ctx.addIssue({ code: "custom", path: ["rules", i, "pattern", j], message: '"$" (clause end) may only close a pattern' });
        }
        if (tok === "^" && j !== 0) {
          ctx.addIssue({ code: "custom", path: ["rules", i, "pattern", j], message: '"^" (sentence start) may only open a pattern' });
        }
        if (typeof tok === "object" && "set" in tok) {
          for (const name of setNames(tok)) {
            if (!lex.wordSets?.[name]) ctx.addIssue({ code: "custom", path: ["rules", i, "pattern", j, "set"], message: `no word set "${name}" in wordSets` });
          }
        }
        if (typeof tok === "object" && "regex" in tok) {
          try {
            new RegExp(tok.regex);
          } catch (err) {
            ctx.addIssue({ code: "custom", path: ["rules", i, "pattern", j, "regex"], message: `bad regular expression: ${(err as Error).message}` });
          }
        }
      });
      if (rule.pattern?.length === 1 && (rule.pattern[0] === "$" || rule.pattern[0] === "^")) {
        ctx.addIssue({ code: "custom", path: ["rules", i, "pattern"], message: "a pattern needs at least one real token" });
      }
    });
  });
export type ContextLexicon = z.infer<typeof ContextLexiconSchema>;
