/** Routing: rheumatoid arthritis as the cause: M45.1 consider (M45 includes "Rheumatoid arthritis of spine"); the RA code where it has a vertebral code. */
import type { RoutingRule, RoutingSuggestion } from "../types.js";
import { regionDiseaseTargets, uniqueMentions } from "../select.js";

export const rheumatoidArthritis: RoutingRule = {
  meta: {
    id: "rheumatoid-arthritis",
    description: "Rheumatoid arthritis as the cause: M45.1 consider; M06.08 additional when seronegative, M08.08 when juvenile (M08.28 when systemic-onset, Still's disease).",
    codes: ["M45.1", "M06.08", "M08.08", "M08.28"],
    when: "m43.21",
  },
  check(facts) {
    // GUIDELINES decision 7: no region code for a fusion of the spine with no site.
    const links = regionDiseaseTargets(facts).flatMap((f) => f.causes.filter((c) => (c.cause === "ra" || c.cause === "ra_seronegative" || c.cause === "jia" || c.cause === "jia_systemic") && c.tied));
    if (!links.length) return null;
    const evidence = uniqueMentions(links.map((c) => c.mention));
    const suggestions: RoutingSuggestion[] = [
      {
        code: "M45.1",
        relation: "consider",
        reason: 'The fusion is attributed to rheumatoid arthritis; category M45 has the inclusion term "Rheumatoid arthritis of spine", so M45.1 versus M43.21 with the RA code needs a coder\'s review.',
        evidence,
      },
    ];
    const seroneg = links.filter((c) => c.cause === "ra_seronegative").map((c) => c.mention);
    if (seroneg.length) {
      suggestions.push({ code: "M06.08", relation: "additional", reason: "Seronegative rheumatoid arthritis of the vertebrae is M06.08 (rheumatoid arthritis without rheumatoid factor, vertebrae).", evidence: uniqueMentions(seroneg) });
    }
    const juvenile = links.filter((c) => c.cause === "jia").map((c) => c.mention);
    if (juvenile.length) {
      suggestions.push({ code: "M08.08", relation: "additional", reason: "Juvenile rheumatoid arthritis of the vertebrae is M08.08 (unspecified juvenile rheumatoid arthritis, vertebrae).", evidence: uniqueMentions(juvenile) });
    }
    const systemic = links.filter((c) => c.cause === "jia_systemic").map((c) => c.mention);
    if (systemic.length) {
      suggestions.push({ code: "M08.28", relation: "additional", reason: "Systemic-onset juvenile arthritis (Still's disease) of the vertebrae is M08.28 (juvenile rheumatoid arthritis with systemic onset, vertebrae).", evidence: uniqueMentions(systemic) });
    }
    return { redirect: false, suggestions };
  },
};
