/** Routing: congenital fusion of these segments (occipitalization of the atlas, congenital C1-C2 block) is Q76.49. */
import { originInDoubt } from "../../pipeline/findings.js";
import type { RoutingRule } from "../types.js";
import { explicitlyAcquired, regionFindings, uniqueMentions } from "../select.js";

export const congenitalFusion: RoutingRule = {
  meta: {
    id: "congenital-fusion",
    description: "Congenital fusion of the region without Klippel-Feil: Q76.49 instead (Q76.4 has subcodes and is not reportable).",
    codes: ["Q76.49"],
    when: "always",
  },
  check(facts) {
    // A congenital origin the note leaves open (a differential with an acquired cause) is no redirect.
    const congenital = regionFindings(facts, ["congenital"], { vague: true }).filter((f) => !originInDoubt(f));
    if (!congenital.length) return null;
    if (facts.findings.some((f) => f.site === "region" && explicitlyAcquired(f))) return null;
    return {
      redirect: true,
      suggestions: [
        {
          code: "Q76.49",
          relation: "instead",
          reason: "The fusion of the region is documented as congenital; congenital fusion of spine is Q76.49 (M43.2 excludes it, Excludes1), not Q76.4, which has subcodes.",
          evidence: uniqueMentions(congenital.flatMap((f) => [f.mention, ...f.originMentions])),
        },
      ],
    };
  },
};
