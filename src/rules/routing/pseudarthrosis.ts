/** Routing: pseudarthrosis of a fusion of the region is M96.0 (Excludes2 at M43.2, so it may stand beside it). */
import { isAffirmed } from "../../pipeline/mentions.js";
import type { RoutingRule } from "../types.js";
import { separateFromSurgery, uniqueMentions } from "../select.js";

export const pseudarthrosis: RoutingRule = {
  meta: {
    id: "pseudarthrosis",
    description: "Pseudarthrosis of a fusion of the region: Z98.1 instead and M96.0 additional; with an acquired ankylosis of the region, M96.0 additional.",
    codes: ["Z98.1", "M96.0"],
    when: "always",
  },
  check(facts) {
    const pseudo = facts.findings.filter((f) => f.kind === "pseudarthrosis" && (f.site === "region" || f.site === "vague") && isAffirmed(f.mention));
    if (!pseudo.length) return null;
    const evidence = uniqueMentions(pseudo.flatMap((f) => [f.mention, ...f.siteMentions]));
    const m960 = { code: "M96.0", relation: "additional" as const, reason: "Pseudarthrosis of a fusion or arthrodesis of the region is documented: M96.0 (Excludes2 at M43.2, so it is reported beside the fusion code).", evidence };
    const acquired = facts.findings.some((f) => f.kind !== "pseudarthrosis" && f.site === "region" && separateFromSurgery(f));
    if (acquired) return { redirect: false, suggestions: [m960] };
    return {
      redirect: true,
      suggestions: [
        { code: "Z98.1", relation: "instead", reason: `The fusion of the region is surgical and has failed to unite (pseudarthrosis); the arthrodesis status is Z98.1, not a disease-process ankylosis (${facts.target.code}).`, evidence },
        m960,
      ],
    };
  },
};
