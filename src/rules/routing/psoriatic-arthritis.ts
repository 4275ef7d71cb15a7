/** Routing: psoriatic arthritis as the cause: L40.53 (psoriatic spondylitis) is a case for a coder's review. */
import type { RoutingRule } from "../types.js";
import { regionDiseaseTargets, uniqueMentions } from "../select.js";

export const psoriaticArthritis: RoutingRule = {
  meta: {
    id: "psoriatic-arthritis",
    description: "Psoriatic arthritis as the cause of the fusion: L40.53 consider (psoriatic spondylitis; Chapter 13 Excludes2 arthropathic psoriasis, so both codes may be reported).",
    codes: ["L40.53"],
    when: "m43.21",
  },
  check(facts) {
    const links = regionDiseaseTargets(facts).flatMap((f) => f.causes.filter((c) => c.cause === "psoriatic" && c.tied));
    if (!links.length) return null;
    return {
      redirect: false,
      suggestions: [
        {
          code: "L40.53",
          relation: "consider",
          reason:
            "The fusion is attributed to psoriatic arthritis; psoriatic spondylitis is L40.53, and Chapter 13 excludes arthropathic psoriasis only as an Excludes2, so it may stand beside M43.21 after a coder's review.",
          evidence: uniqueMentions(links.map((c) => c.mention)),
        },
      ],
    };
  },
};
