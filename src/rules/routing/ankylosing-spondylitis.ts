/**
 * Routing: ankylosing spondylitis as the cause is M45.1 at this region only, M45.0 across several regions;
 * juvenile ankylosing spondylitis is M08.1 (M45 excludes it, Excludes1), whatever the regions.
 */
import type { Mention } from "../../pipeline/mentions.js";
import { isAffirmed } from "../../pipeline/mentions.js";
import type { RoutingRule } from "../types.js";
import { targets, uniqueMentions } from "../select.js";

/** Regions beyond this one. */
const OTHER_REGION_KINDS = new Set(["cervicothoracic", "thoracic", "thoracolumbar", "lumbar", "lumbosacral", "sacral"]);
/** "Spine" names several regions only with a word for extent ("multilevel spinal ankylosis", "the entire spine": lexicons/segments.json kind multi_region), not alone ("the imaged spine"). */
const SEVERAL_REGIONS_KIND = "multi_region";

export const ankylosingSpondylitis: RoutingRule = {
  meta: {
    id: "ankylosing-spondylitis",
    description: "Ankylosing spondylitis documented as the cause of the fusion: M45.1 instead (M45.0 when several spinal regions are involved; M08.1 when it is juvenile).",
    codes: ["M45.1", "M45.0", "M08.1"],
    when: "always",
  },
  check(facts) {
    const t = targets(facts);
    // M43.2 Excludes1 ankylosing spondylitis: AS named with the fusion in its sentence ("juvenile AS with C1-C2
    // ankylosis") is the fusion's disease unless another cause is tied to it instead.
    const isCause = (f: (typeof t)[number], c: (typeof t)[number]["causes"][number]) =>
      !c.hedged && (c.tied || !f.causes.some((o) => o.tied && o.cause !== "as" && o.cause !== "as_juvenile"));
    const juvenile = t.flatMap((f) => f.causes.filter((c) => c.cause === "as_juvenile" && isCause(f, c)).map((c) => ({ f, m: c.mention })));
    if (juvenile.length) {
      return {
        redirect: true,
        suggestions: [
          {
            code: "M08.1",
            relation: "instead",
            reason: "The fusion is attributed to juvenile ankylosing spondylitis: M08.1; M45 excludes juvenile (ankylosing) spondylitis (Excludes1), and M43.2 excludes ankylosing spondylitis.",
            evidence: uniqueMentions([...juvenile.map((x) => x.m), ...juvenile.map((x) => x.f.mention)]),
          },
        ],
      };
    }
    const tied = t.flatMap((f) => f.causes.filter((c) => c.cause === "as" && isCause(f, c)).map((c) => ({ f, m: c.mention })));
    if (!tied.length) return null;
    const asMentions = facts.mentions.filter((m) => m.type === "etiology" && m.cause === "as" && isAffirmed(m));
    const sentences = new Set(asMentions.map((m) => m.sentence));
    const otherSites: Mention[] = facts.mentions.filter(
      (m) =>
        sentences.has(m.sentence) &&
        !m.assertion.negated &&
        (m.type === "region"
          ? OTHER_REGION_KINDS.has(m.kind) || m.kind === SEVERAL_REGIONS_KIND
          : m.type === "segment" && (m.levels ?? []).some((l) => l >= 3)),
    );
    const otherFindings = facts.findings.filter((f) => f.causes.some((c) => c.cause === "as") && f.regions.some((r) => r !== "occipito_atlanto_axial"));
    const bamboo = asMentions.filter((m) => /bamboo/i.test(m.text));
    const multiple = otherSites.length > 0 || otherFindings.length > 0 || bamboo.length > 0;
    const evidence = uniqueMentions([...tied.map((x) => x.m), ...tied.map((x) => x.f.mention), ...otherSites, ...bamboo]);
    return {
      redirect: true,
      suggestions: [
        multiple
          ? { code: "M45.0", relation: "instead", reason: "The fusion is attributed to ankylosing spondylitis involving several spinal regions: M45.0 (multiple sites in spine); M43.2 excludes ankylosing spondylitis (Excludes1).", evidence }
          : { code: "M45.1", relation: "instead", reason: "The fusion is attributed to ankylosing spondylitis at the occipito-atlanto-axial region: M45.1; M43.2 excludes ankylosing spondylitis (Excludes1).", evidence },
      ],
    };
  },
};
