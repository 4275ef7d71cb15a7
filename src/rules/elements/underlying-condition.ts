/** Element `underlying_condition`: the condition driving the fusion is named and tied to it, or none was found. */
import type { Finding, NoteFacts } from "../../pipeline/findings.js";
import type { ElementRule, QueryDraft } from "../types.js";
import { causeIndicators, causeOptions, documentedCauses, findingPhrase } from "../query.js";
import { quote, quoteList, targets, uniqueMentions } from "../select.js";

/**
 * The query for the condition behind the fusion: one option per cause the note documents (all of them, in
 * note order, each in its neutral name and the note's words), one for several of them together, another
 * condition, none; or, when the note names none, the condition as the provider states it.
 */
function conditionQuery(facts: NoteFacts, finding: Finding): QueryDraft {
  const causes = documentedCauses(facts);
  const indicators = [findingPhrase(facts, finding), ...causeIndicators(causes)];
  if (!causes.length) {
    return {
      indicators,
      question: "Please document the condition, if any, that led to this fusion",
      options: [{ label: "Condition as follows (please specify)" }, { label: "No underlying condition identified" }],
    };
  }
  return {
    indicators,
    question: "Please clarify the condition, if any, that led to this fusion",
    options: [
      ...causeOptions(causes, "Due to "),
      ...(causes.length > 1 ? [{ label: "Due to more than one of these conditions (please specify)" }] : []),
      { label: "Due to another condition (please specify)" },
      { label: "Not related to an identified condition" },
    ],
  };
}

export const underlyingCondition: ElementRule = {
  meta: {
    id: "underlying_condition",
    description: "Names the condition driving the fusion and ties it to the fusion, or states that none was found.",
    required: false,
    criteria: {
      present: "names the condition behind the fusion and ties it to the fusion, or says that no cause was found",
      partial: "the condition is named but not tied to the fusion, or the tie is hedged (\"likely related to\", \"if confirmed\")",
    },
    messages: {
      present: "The condition driving the fusion is documented: {quote}.",
      noneFound: "The note states that no underlying condition was found: {quote}.",
      hedged: "The tie between {quote} and the fusion is hedged.",
      untied: "{quote} is documented but not tied to the fusion.",
      missing: "No condition driving the fusion is documented.",
    },
  },
  check(facts) {
    const t = targets(facts);
    if (!t.length) return { status: "missing", evidence: [], messageId: "missing" };
    const links = t.flatMap((f) => f.causes);
    const firm = links.filter((c) => c.tied && !c.hedged).map((c) => c.mention);
    if (firm.length) {
      return { status: "present", evidence: uniqueMentions(firm), messageId: "present", data: { quote: quoteList(facts.text, uniqueMentions(firm)) } };
    }
    const none = facts.mentions.filter((m) => m.type === "etiology" && m.kind === "none_found" && m.assertion.experiencer === "patient" && !m.assertion.hypothetical);
    if (none.length) {
      return { status: "present", evidence: none, messageId: "noneFound", data: { quote: `"${quote(facts.text, none[0]!)}"` } };
    }
    const hedged = links.filter((c) => c.tied && c.hedged).map((c) => c.mention);
    if (hedged.length) {
      const q = quote(facts.text, hedged[0]!);
      return {
        status: "partial",
        evidence: uniqueMentions(hedged),
        messageId: "hedged",
        data: { quote: `"${q}"` },
        query: conditionQuery(facts, t[0]!),
      };
    }
    const named = facts.mentions.filter(
      (m) => ((m.type === "etiology" && m.kind === "disease") || (m.type === "congenital" && m.cause)) && !m.assertion.negated && !m.assertion.hypothetical && m.assertion.experiencer === "patient",
    );
    const untied = uniqueMentions([...links.map((c) => c.mention), ...named]);
    if (untied.length) {
      const q = quote(facts.text, untied[0]!);
      return {
        status: "partial",
        evidence: untied.slice(0, 5),
        messageId: "untied",
        data: { quote: `"${q}"` },
        query: conditionQuery(facts, t[0]!),
      };
    }
    return {
      status: "missing",
      evidence: [],
      messageId: "missing",
      query: conditionQuery(facts, t[0]!),
    };
  },
};
