/** Routing: rheumatoid arthritis as the cause: M45.1 consider (M45 includes "Rheumatoid arthritis of spine"); the RA code where it has a vertebral code. */
import type { Cause } from "../../lexicon/schema.js";
import type { RoutingRule, RoutingSuggestion } from "../types.js";
import { regionDiseaseTargets, uniqueMentions } from "../select.js";

/** The forms of rheumatoid arthritis that have their own vertebral code, added beside M45.1 consider. */
const RA_CODES: Partial<Record<Cause, { code: string; reason: string }>> = {
  ra_seronegative: { code: "M06.08", reason: "Seronegative rheumatoid arthritis of the vertebrae is M06.08 (rheumatoid arthritis without rheumatoid factor, vertebrae)." },
  jia: { code: "M08.08", reason: "Juvenile rheumatoid arthritis of the vertebrae is M08.08 (unspecified juvenile rheumatoid arthritis, vertebrae)." },
  jia_systemic: {
    code: "M08.28",
    reason: "Systemic-onset juvenile arthritis (Still's disease) of the vertebrae is M08.28 (juvenile rheumatoid arthritis with systemic onset, vertebrae).",
  },
};

export const rheumatoidArthritis: RoutingRule = {
  meta: {
    id: "rheumatoid-arthritis",
    description:
      "Rheumatoid arthritis as the cause: the region's M45 code consider (M45.1 for M43.21); M06.08 additional when seronegative, M08.08 when juvenile (M08.28 when systemic-onset, Still's disease).",
    codes: ["M45.1", "M45.2", "M45.3", "M45.4", "M45.5", "M45.6", "M45.7", "M45.8", "M45.9", "M06.08", "M08.08", "M08.28"],
    when: "target",
  },
  check(facts) {
    // GUIDELINES decision 7: no region code for a fusion of the spine with no site.
    const links = regionDiseaseTargets(facts).flatMap((f) => f.causes.filter((c) => c.tied && (c.cause === "ra" || c.cause in RA_CODES)));
    if (!links.length) return null;
    const evidence = uniqueMentions(links.map((c) => c.mention));
    const suggestions: RoutingSuggestion[] = [
      {
        code: facts.target.asCode,
        relation: "consider",
        reason: `The fusion is attributed to rheumatoid arthritis; category M45 has the inclusion term "Rheumatoid arthritis of spine", so ${facts.target.asCode} versus ${facts.target.code} with the RA code needs a coder's review.`,
        evidence,
      },
    ];
    for (const [cause, { code, reason }] of Object.entries(RA_CODES)) {
      const named = links.filter((c) => c.cause === cause).map((c) => c.mention);
      if (named.length) suggestions.push({ code, relation: "additional", reason, evidence: uniqueMentions(named) });
    }
    return { redirect: false, suggestions };
  },
};
