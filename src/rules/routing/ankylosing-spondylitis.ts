/**
 * Routing: ankylosing spondylitis as the cause is M45.1 at this region only, M45.0 across several regions;
 * juvenile ankylosing spondylitis is M08.1 (M45 excludes it, Excludes1), whatever the regions.
 */
import type { Mention } from "../../pipeline/mentions.js";
import { isAffirmed } from "../../pipeline/mentions.js";
import { regionsOfLevels } from "../../pipeline/findings.js";
import type { RoutingRule } from "../types.js";
import { targets, uniqueMentions } from "../select.js";

/** Region words beyond M43.21's region ("cervical" alone may include C1-C2). */
const OTHER_REGION_KINDS = new Set(["cervicothoracic", "thoracic", "thoracolumbar", "lumbar", "lumbosacral", "sacral"]);
/** Region words beyond another code's region: any region word but its own. */
const REGION_WORD_KINDS = ["cervical", "vague", ...OTHER_REGION_KINDS];
/** "Spine" names several regions only with a word for extent ("multilevel spinal ankylosis", "the entire spine": lexicons/segments.json kind multi_region), not alone ("the imaged spine"). */
const SEVERAL_REGIONS_KIND = "multi_region";

/** The lexicon entry of "bamboo spine": several regions by itself. */
const BAMBOO_SPINE = "bamboo-spine";

export const ankylosingSpondylitis: RoutingRule = {
  meta: {
    id: "ankylosing-spondylitis",
    description:
      "Ankylosing spondylitis documented as the cause of the fusion: the region's M45 code instead (M45.1 for M43.21 ... M45.8 for M43.28; M45.0 when several spinal regions are involved; M08.1 when it is juvenile).",
    codes: ["M45.1", "M45.2", "M45.3", "M45.4", "M45.5", "M45.6", "M45.7", "M45.8", "M45.9", "M45.0", "M08.1"],
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
    const target = facts.target;
    const oaa = target.region === "occipito_atlanto_axial";
    const otherKind = (m: Mention) => (oaa ? OTHER_REGION_KINDS.has(m.kind) : REGION_WORD_KINDS.includes(m.kind) && !target.regionWords.has(m.kind) && !target.namedJoint(m));
    const otherLevels = (m: Mention) => (oaa ? (m.levels ?? []).some((l) => l >= 3) : regionsOfLevels(m.levels ?? []).some((r) => r !== target.region));
    const otherSites: Mention[] = facts.mentions.filter(
      (m) =>
        sentences.has(m.sentence) &&
        !m.assertion.negated &&
        (m.type === "region"
          ? otherKind(m) || m.kind === SEVERAL_REGIONS_KIND
          : m.type === "segment" && otherLevels(m)),
    );
    const otherFindings = facts.findings.filter((f) => f.causes.some((c) => c.cause === "as") && f.regions.some((r) => r !== target.region));
    // "Bamboo spine" (lexicons/etiology.json entry bamboo-spine) is ankylosing spondylitis across the spine.
    const bamboo = asMentions.filter((m) => m.id === BAMBOO_SPINE);
    const multiple = otherSites.length > 0 || otherFindings.length > 0 || bamboo.length > 0;
    const evidence = uniqueMentions([...tied.map((x) => x.m), ...tied.map((x) => x.f.mention), ...otherSites, ...bamboo]);
    return {
      redirect: true,
      suggestions: [
        multiple
          ? { code: "M45.0", relation: "instead", reason: "The fusion is attributed to ankylosing spondylitis involving several spinal regions: M45.0 (multiple sites in spine); M43.2 excludes ankylosing spondylitis (Excludes1).", evidence }
          : {
              code: target.asCode,
              relation: "instead",
              reason: `The fusion is attributed to ankylosing spondylitis ${target.region === "unspecified" ? "of the spine, site unspecified" : `at the ${target.name} region`}: ${target.asCode}; M43.2 excludes ankylosing spondylitis (Excludes1).`,
              evidence,
            },
      ],
    };
  },
};
