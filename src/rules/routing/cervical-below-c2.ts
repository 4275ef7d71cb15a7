/** Routing: an acquired fusion only below C2 in the cervical spine is M43.22 (C7-T1: M43.23). */
import type { RoutingRule, RoutingSuggestion } from "../types.js";
import { targets, uniqueMentions } from "../select.js";

export const cervicalBelowC2: RoutingRule = {
  meta: {
    id: "cervical-below-c2",
    description: "Acquired fusion only in the cervical spine below C2 (C2-C3 to C7), the region itself not fused: M43.22 instead (C7-T1: M43.23).",
    codes: ["M43.22", "M43.23"],
    when: "always",
  },
  check(facts) {
    if (targets(facts).length) return null;
    const lower = facts.findings.filter(
      (f) => f.kind === "fusion" && f.site === "other_spine" && (f.origin === "acquired" || f.origin === "unknown") && f.regions.some((r) => r === "cervical" || r === "cervicothoracic"),
    );
    if (!lower.length) return null;
    const suggestions: RoutingSuggestion[] = [];
    for (const [region, code, where] of [["cervical", "M43.22", "C2-C3 to C7"], ["cervicothoracic", "M43.23", "C7-T1"]] as const) {
      const hits = lower.filter((f) => f.regions.includes(region));
      if (!hits.length) continue;
      suggestions.push({
        code,
        relation: suggestions.length ? "additional" : "instead",
        reason: `The acquired fusion is in the cervical spine below C2 (${where}), not at the occiput, C1 or C2: ${code}.`,
        evidence: uniqueMentions(hits.flatMap((f) => [f.mention, ...f.siteMentions])),
      });
    }
    return { redirect: true, suggestions };
  },
};
