/** Element `etiology`: the fusion is stated to be an acquired disease process, not surgical or congenital. */
import type { Mention } from "../../pipeline/mentions.js";
import type { ElementRule, QueryDraft } from "../types.js";
import { causeIndicators, causeOptions, documentedCauses, findingPhrase } from "../query.js";
import { quoteList, targets, uniqueMentions } from "../select.js";

export const etiology: ElementRule = {
  meta: {
    id: "etiology",
    description: "Makes the acquired, disease-process nature explicit (a stated cause, or acquired / non-surgical / spontaneous) and does not leave it open to surgical or congenital origin.",
    required: true,
    criteria: {
      present: "makes clear the fusion is acquired from a disease process: a stated cause (rheumatoid arthritis, DISH, ...), or words such as \"acquired\", \"spontaneous\", \"non-surgical\", and does not leave surgery or a congenital origin open",
      partial: "the cause is hedged (\"possibly\", \"likely related to\")",
    },
    messages: {
      present: "The fusion is documented as a disease process: {quote}.",
      hedged: "The cause of the fusion is hedged ({quote}); it is not stated as the cause.",
      surgical: "The fusion is documented as the result of surgery ({quote}), not as a disease-process ankylosis.",
      congenital: "The fusion is documented as congenital ({quote}), not acquired.",
      notStated: "The note does not state whether the fusion is acquired (a disease process), surgical or congenital.",
      missing: "No fusion of the {region} region is documented.",
    },
  },
  check(facts) {
    const t = targets(facts);
    if (!t.length) return { status: "missing", evidence: [], messageId: "missing" };
    const finding = t[0]!.mention;
    const disease = t.filter((f) => f.origin === "acquired" || f.origin === "unknown");
    const firm = disease.flatMap((f) => [
      ...(f.origin === "acquired" ? f.originMentions.filter((m) => !m.assertion.uncertain && !f.uncertain) : []),
      ...f.causes.filter((c) => c.tied && !c.hedged && c.cause !== "klippel_feil").map((c) => c.mention),
    ]);
    const hedged = disease.flatMap((f) => [
      ...(f.origin === "acquired" ? f.originMentions.filter((m) => m.assertion.uncertain || f.uncertain) : []),
      ...f.causes.filter((c) => c.tied && c.hedged && c.cause !== "klippel_feil").map((c) => c.mention),
    ]);
    const other = t.filter((f) => f.origin === "surgical" || f.origin === "congenital" || f.origin === "klippel_feil");
    // Every origin is offered, and every cause the note documents as a disease process, not only the nearest.
    const query = (hedgedWords: readonly Mention[]): QueryDraft => {
      const causes = documentedCauses(facts);
      return {
        indicators: [findingPhrase(facts, t[0]!), ...hedgedWords.filter((m) => !causes.some((c) => c.mentions.includes(m))).slice(0, 2), ...causeIndicators(causes)],
        question: "Please clarify the nature of this fusion",
        options: [
          ...causeOptions(causes, "Acquired ankylosis due to "),
          {
            label: causes.length
              ? "Acquired ankylosis due to another disease process (please specify)"
              : "Acquired ankylosis due to a disease process (please specify the condition, if known)",
          },
          { label: "Result of a prior surgical arthrodesis" },
          { label: "Congenital fusion" },
        ],
      };
    };
    // A firm disease cause wins: a surgical or congenital fusion the note keeps apart does not reopen it.
    if (firm.length) {
      return { status: "present", evidence: uniqueMentions(firm), messageId: "present", data: { quote: quoteList(facts.text, uniqueMentions(firm)) } };
    }
    if (hedged.length) {
      return { status: "partial", evidence: uniqueMentions(hedged), messageId: "hedged", data: { quote: quoteList(facts.text, uniqueMentions(hedged)) }, query: query(uniqueMentions(hedged)) };
    }
    if (other.length && !disease.length) {
      const o = other[0]!;
      const ev = uniqueMentions(o.originMentions.length ? o.originMentions : [o.mention]);
      return { status: "missing", evidence: ev, messageId: o.origin === "surgical" ? "surgical" : "congenital", data: { quote: quoteList(facts.text, ev) } };
    }
    return { status: "missing", evidence: [finding], messageId: "notStated", query: query([]) };
  },
};
