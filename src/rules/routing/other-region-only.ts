/**
 * Routing: an acquired fusion only at other spinal regions, the occipito-atlanto-axial region itself not
 * fused, is that region's M43.2x instead: M43.22 for the cervical spine below C2, M43.23 for C7-T1, and
 * M43.24 to M43.28 below the cervicothoracic junction (the Index puts an acquired sacroiliac fusion at M43.28).
 * Several such regions: the first is `instead`, the others `additional`. M43.2 excludes ankylosing spondylitis
 * (Excludes1 M45.-), so a patient with AS gets no M43.2x here (the M45 code of that region is outside this rule).
 */
import { REGIONS } from "../../domain.js";
import type { Finding } from "../../pipeline/findings.js";
import type { RoutingRule, RoutingSuggestion } from "../types.js";
import { regionCode, REGION_NAMES, targets, uniqueMentions } from "../select.js";
import { isAffirmed } from "../../pipeline/mentions.js";


export const otherRegionOnly: RoutingRule = {
  meta: {
    id: "other-region-only",
    description:
      "Acquired fusion only at other spinal regions, the checked region not fused: that region's code instead (for M43.21: C2-C3 to C7 M43.22, C7-T1 M43.23, thoracic to sacral and sacroiliac M43.24-M43.28; for the other codes the same table, M43.21 included); for M43.20 the code of the site the note states.",
    codes: ["M43.21", "M43.22", "M43.23", "M43.24", "M43.25", "M43.26", "M43.27", "M43.28"],
    when: "always",
  },
  check(facts) {
    if (targets(facts).length) return null;
    // M43.2 Excludes1 ankylosing spondylitis: an AS patient's fusion elsewhere is an M45 code, not M43.2x.
    if (facts.mentions.some((m) => m.type === "etiology" && (m.cause === "as" || m.cause === "as_juvenile") && isAffirmed(m))) return null;
    // On a spine that was operated on elsewhere ("s/p T10-pelvis fusion ... her fused lumbar spine"), a fusion of
    // unstated origin outside the region is presumed the operation's, not an acquired ankylosis.
    const operated = facts.findings.some((f) => f.site === "other_spine" && f.origin === "surgical" && !f.uncertain);
    // The bare word "fusion" with nothing that makes it a disease ("he has had a lumbar fusion") is far more
    // often an operation than an ankylosis: only a tied cause or acquired wording makes it acquired.
    // A fusion a study shows ("bilateral SI joint fusion on pelvic XR") is a finding, whatever the word.
    const seenOnStudy = (f: Finding) => (facts.bySentence.get(f.mention.sentence) ?? []).some((m) => m.type === "imaging" && !m.assertion.negated);
    const bareFusion = (f: Finding) => f.mention.id === "fusion" && f.origin === "unknown" && !f.causes.some((c) => c.tied) && !seenOnStudy(f);
    const elsewhere = facts.findings.filter(
      (f) => f.kind === "fusion" && f.site === "other_spine" && !f.uncertain && (f.origin === "acquired" || (f.origin === "unknown" && !operated && !bareFusion(f))),
    );
    if (!elsewhere.length) return null;
    const suggestions: RoutingSuggestion[] = [];
    for (const region of REGIONS) {
      if (region === facts.target.region) continue;
      const hits = elsewhere.filter((f) => f.regions.includes(region));
      if (!hits.length) continue;
      const code = regionCode(region);
      suggestions.push({
        code,
        relation: suggestions.length ? "additional" : "instead",
        reason: `The acquired fusion is in the ${REGION_NAMES[region]} region, ${
          facts.target.region === "occipito_atlanto_axial" ? "not at the occiput, C1 or C2" : facts.target.region === "unspecified" ? "a site the note states" : `not in the ${facts.target.name} region`
        }: ${code}.`,
        evidence: uniqueMentions(hits.flatMap((f) => [f.mention, ...f.siteMentions])),
      });
    }
    return suggestions.length ? { redirect: true, suggestions } : null;
  },
};
