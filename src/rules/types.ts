/**
 * The shape of a rule, after ESLint: `meta` says what it is (id, one-line description, messages by id)
 * and `check` reads the note's facts and returns findings with offsets. Rules never change the facts.
 */
import type { ElementId } from "../schema.js";
import type { Mention } from "../pipeline/mentions.js";
import type { NoteFacts } from "../pipeline/findings.js";
import type { Span } from "../types.js";

export type ElementStatus = "present" | "partial" | "missing";

/** One clinical answer a provider query offers, and the note's words it is built from (a documented cause). */
export interface QueryOptionDraft {
  label: string;
  evidence?: Span[];
}

/**
 * A provider query as a rule builds it: the note's words it quotes (clinical indicators), the question and the
 * clinical answers. The queries stage (src/pipeline/queries.ts) adds each indicator's section and date, the
 * options "Other (please specify)" and "Unable to determine", and renders the string.
 */
export interface QueryDraft {
  indicators: Span[];
  question: string;
  options: QueryOptionDraft[];
}

export interface ElementOutcome {
  status: ElementStatus;
  /** Words the status rests on (mentions or spans of the note). */
  evidence: (Mention | Span)[];
  /** Id of the message in meta.messages that explains the status. */
  messageId: string;
  /** Values for the message template ({quote}, {site}...). */
  data?: Record<string, string>;
  /** The provider query that would close the gap, when there is one. */
  query?: QueryDraft;
}

export interface ElementRule {
  meta: {
    id: ElementId;
    description: string;
    required: boolean;
    /**
     * What makes the element present and what leaves it partial, in the contract's words (docs/contract.md
     * section 4); the code card (src/card/) quotes them. `partial: null` when the element has no partial state.
     */
    criteria: { present: string; partial: string | null };
    messages: Record<string, string>;
  };
  check(facts: NoteFacts): ElementOutcome;
}

export type Relation = "instead" | "additional" | "consider";

export interface RoutingSuggestion {
  code: string;
  relation: Relation;
  reason: string;
  evidence: (Mention | Span)[];
}

export interface RoutingOutcome {
  /** True when the note supports this code instead of the one checked (verdict `redirect`). */
  redirect: boolean;
  suggestions: RoutingSuggestion[];
  /** Provider query the rule asks for, if any. */
  query?: string;
}

export interface RoutingRule {
  meta: {
    id: string;
    description: string;
    /** Codes the rule may suggest (each must be in lexicons/codes.json). */
    codes: string[];
    /** "always": applies whatever the verdict; "target": only when the note points to the code checked (M43.21 by default). */
    when: "always" | "target";
  };
  check(facts: NoteFacts): RoutingOutcome | null;
}
