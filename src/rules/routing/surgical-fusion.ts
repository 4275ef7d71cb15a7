/** Routing: a surgical fusion of the region is arthrodesis status, Z98.1 (Excludes2 at M43.2). */
import type { RoutingRule, RoutingSuggestion } from "../types.js";
import { explicitlyAcquired, regionCode, REGION_NAMES, regionFindings, separateFromSurgery, uniqueMentions } from "../select.js";

export const surgicalFusion: RoutingRule = {
  meta: {
    id: "surgical-fusion",
    description:
      "Fusion of the region that results from surgery: Z98.1 instead (plus M43.2x for an acquired fusion of another region); with a separate acquired ankylosis of another joint of the region, Z98.1 additional.",
    codes: ["Z98.1", "M43.22", "M43.23", "M43.24", "M43.25", "M43.26", "M43.27", "M43.28"],
    when: "always",
  },
  check(facts) {
    // An operation offered only as one possible origin ("it could be an old C1-C2 arthrodesis, or a post-traumatic
    // ankylosis") affirms no arthrodesis status.
    const surgical = regionFindings(facts, ["surgical"], { vague: true }).filter((f) => !f.uncertain);
    if (!surgical.length) return null;
    const evidence = uniqueMentions(surgical.flatMap((f) => [f.mention, ...f.originMentions]));
    const separate = facts.findings.some((f) => f.site === "region" && f.kind === "fusion" && separateFromSurgery(f));
    // With a separate acquired ankylosis of the region the note stays on M43.21, judged by the elements on that
    // ankylosis, and the operation's status stands beside it: Z98.1 additional (M43.2 lists it as Excludes2,
    // so both may be coded; SPEC section 5). A failed operation is the pseudarthrosis rule's (M96.0).
    if (separate) {
      if (facts.findings.some((f) => f.kind === "pseudarthrosis" && (f.site === "region" || f.site === "vague"))) return null;
      return {
        redirect: false,
        suggestions: [
          {
            code: "Z98.1",
            relation: "additional",
            reason: "One joint of the region was fused by an operation (arthrodesis status, Z98.1) and another has an acquired ankylosis of its own; M43.2 lists arthrodesis status as Excludes2, so both are coded.",
            evidence,
          },
        ],
      };
    }
    const others: RoutingSuggestion[] = [];
    for (const f of facts.findings) {
      if (f.site !== "other_spine" || !explicitlyAcquired(f)) continue;
      for (const r of f.regions) {
        const code = regionCode(r);
        if (others.some((o) => o.code === code)) continue;
        others.push({ code, relation: "additional", reason: `An acquired fusion of the ${REGION_NAMES[r]} region is documented separately from the surgical fusion: ${code}.`, evidence: uniqueMentions([f.mention, ...f.siteMentions]) });
      }
    }
    return {
      redirect: true,
      suggestions: [
        { code: "Z98.1", relation: "instead", reason: `The fusion of the region is the result of surgery (arthrodesis status, Z98.1); ${facts.target.code} describes a disease-process ankylosis, and M43.2 lists arthrodesis status as Excludes2.`, evidence },
        ...others,
      ],
    };
  },
};
