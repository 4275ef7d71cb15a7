/**
 * A routing row of the form "<disease> as the cause: <code> consider": a case for a coder's review that never
 * changes the verdict. The DISH and psoriatic-arthritis rows are built from it.
 */
import type { Cause } from "../../lexicon/schema.js";
import type { TargetRegion } from "../../pipeline/findings.js";
import type { RoutingRule } from "../types.js";
import { regionDiseaseTargets, uniqueMentions } from "../select.js";

export function causeConsiderRule(
  id: string,
  cause: Cause,
  codes: readonly string[],
  code: (target: TargetRegion) => string,
  description: string,
  reason: (target: TargetRegion) => string,
): RoutingRule {
  return {
    meta: { id, description, codes: [...codes], when: "target" },
    check(facts) {
      // GUIDELINES decision 7: no region code for a fusion of the spine with no site.
      const links = regionDiseaseTargets(facts).flatMap((f) => f.causes.filter((c) => c.cause === cause && c.tied));
      if (!links.length) return null;
      return { redirect: false, suggestions: [{ code: code(facts.target), relation: "consider", reason: reason(facts.target), evidence: uniqueMentions(links.map((c) => c.mention)) }] };
    },
  };
}
