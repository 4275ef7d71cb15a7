/** Element `etiology`: the fusion is stated to be an acquired disease process, not surgical or congenital. */
import type { ElementRule } from "../types.js";
import { quote, quoteList, targets, uniqueMentions } from "../select.js";

export const etiology: ElementRule = {
  meta: {
    id: "etiology",
    description: "Makes the acquired, disease-process nature explicit (a stated cause, or acquired / non-surgical / spontaneous) and does not leave it open to surgical or congenital origin.",
    required: true,
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
    const query = `The record documents "${quote(facts.text, finding)}". Please clarify the nature of this fusion: acquired ankylosis due to a disease process (please specify the condition, if known); result of a prior surgical arthrodesis; congenital fusion; other (please specify); unable to determine.`;
    // A firm disease cause wins: a surgical or congenital fusion the note keeps apart does not reopen it.
    if (firm.length) {
      return { status: "present", evidence: uniqueMentions(firm), messageId: "present", data: { quote: quoteList(facts.text, uniqueMentions(firm)) } };
    }
    if (hedged.length) {
      return { status: "partial", evidence: uniqueMentions(hedged), messageId: "hedged", data: { quote: quoteList(facts.text, uniqueMentions(hedged)) }, query };
    }
    if (other.length && !disease.length) {
      const o = other[0]!;
      const ev = uniqueMentions(o.originMentions.length ? o.originMentions : [o.mention]);
      return { status: "missing", evidence: ev, messageId: o.origin === "surgical" ? "surgical" : "congenital", data: { quote: quoteList(facts.text, ev) } };
    }
    return { status: "missing", evidence: [finding], messageId: "notStated", query };
  },
};
