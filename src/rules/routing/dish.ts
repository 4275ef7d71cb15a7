/** Routing: DISH (Forestier) as the cause: M48.11 is a case for a coder's review. */
import type { RoutingRule } from "../types.js";
import { regionDiseaseTargets, uniqueMentions } from "../select.js";

export const dish: RoutingRule = {
  meta: {
    id: "dish",
    description: "Diffuse idiopathic skeletal hyperostosis (Forestier) as the cause of the fusion: M48.11 consider.",
    codes: ["M48.11"],
    when: "m43.21",
  },
  check(facts) {
    // GUIDELINES decision 7: no region code for a fusion of the spine with no site.
    const links = regionDiseaseTargets(facts).flatMap((f) => f.causes.filter((c) => c.cause === "dish" && c.tied));
    if (!links.length) return null;
    return {
      redirect: false,
      suggestions: [
        {
          code: "M48.11",
          relation: "consider",
          reason: "The fusion is attributed to DISH (Forestier); ICD-10-CM codes ankylosing hyperostosis of the occipito-atlanto-axial region as M48.11, so the choice needs a coder's review.",
          evidence: uniqueMentions(links.map((c) => c.mention)),
        },
      ],
    };
  },
};
