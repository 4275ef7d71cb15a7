/**
 * Stage 10: provider queries. Compliant wording: each cites the clinical indicators found, asks an open
 * question with clinically reasonable options plus "other" and "unable to determine", and never leads
 * toward one answer or mentions payment.
 */
import { diseaseTargets, quote } from "../rules/select.js";
import type { ElementVerdict } from "./elements.js";
import type { NoteFacts } from "./findings.js";
import type { RoutingDecision } from "./routing.js";

export function buildQueries(facts: NoteFacts, elements: readonly ElementVerdict[], routing: RoutingDecision): string[] {
  const queries: string[] = [];
  if (routing.verdict === "incomplete") {
    if (routing.uncertainOnly) {
      const f = diseaseTargets(facts)[0]!;
      queries.push(
        `The record states "${quote(facts.text, facts.sentences[f.mention.sentence]!, 140)}". Based on your clinical judgment, please clarify this finding: fusion (ankylosis) of the ${facts.target.name} region confirmed; fusion ruled out; other (please specify); unable to determine.`,
      );
    }
    for (const e of elements) {
      if (e.outcome.status !== "present" && e.outcome.query) queries.push(e.outcome.query);
    }
  } else if (routing.verdict === "supported") {
    for (const e of elements) {
      if (!e.rule.meta.required && e.outcome.status === "partial" && e.outcome.query) queries.push(e.outcome.query);
    }
  }
  return [...new Set(queries)];
}
