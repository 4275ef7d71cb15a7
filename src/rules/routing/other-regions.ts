/** Routing: an acquired fusion of the region and of other, separate regions: each other region's M43.2x additional. */
import type { RoutingRule, RoutingSuggestion } from "../types.js";
import { diseaseTargets, regionCode, REGION_NAMES, uniqueMentions } from "../select.js";

export const otherRegions: RoutingRule = {
  meta: {
    id: "other-regions",
    description: "Acquired fusion of the region and of other spinal regions: each other region's M43.2x additional (there is no multiple-sites M43.2 code).",
    codes: ["M43.21", "M43.22", "M43.23", "M43.24", "M43.25", "M43.26", "M43.27", "M43.28"],
    when: "target",
  },
  check(facts) {
    if (!diseaseTargets(facts).length) return null;
    const suggestions: RoutingSuggestion[] = [];
    for (const f of facts.findings) {
      if (f.kind !== "fusion" || f.siteInferred || !(f.origin === "acquired" || f.origin === "unknown")) continue;
      for (const r of f.regions) {
        if (r === facts.target.region) continue;
        const code = regionCode(r);
        if (suggestions.some((s) => s.code === code)) continue;
        suggestions.push({
          code,
          relation: "additional",
          reason: `An acquired fusion of the ${REGION_NAMES[r]} region is also documented; it is coded separately as ${code}.`,
          evidence: uniqueMentions([f.mention, ...f.siteMentions]),
        });
      }
    }
    return suggestions.length ? { redirect: false, suggestions } : null;
  },
};
