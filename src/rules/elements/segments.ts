/** Element `segments`: the note names the segments fused (occiput/C0, atlas/C1, axis/C2 or their joints). */
import type { Region } from "../../domain.js";
import { regionsOfLevels } from "../../pipeline/findings.js";
import type { Mention } from "../../pipeline/mentions.js";
import type { ElementRule } from "../types.js";
import { quote, quoteList, targets, uniqueMentions } from "../select.js";

export const segments: ElementRule = {
  meta: {
    id: "segments",
    description: "Names the segments involved (for M43.21 occiput/C0, C1/atlas, C2/axis or their joints; for the other codes the region's levels and named joints), tied to the fusion finding.",
    required: true,
    messages: {
      present: "Segments are named with the fusion: {quote}.",
      partial: "Only a general region is named ({quote}); the segments fused ({fused}) are not.",
      noSite: "The fusion is documented without a spinal site; the segments involved are not named.",
      missing: "No fusion of the {region} segments is documented.",
    },
  },
  check(facts) {
    const t = targets(facts);
    const named = t.filter((f) => f.site === "region" && !f.siteInferred);
    if (named.length) {
      // For a code other than M43.21, only the site words of its own region ("C5-C6 and L3-L4" checked for M43.26: "L3-L4").
      const own = (m: Mention) => facts.target.region === "occipito_atlanto_axial" || m.type === "congenital" || facts.target.namedJoint(m) || regionsOfLevels(m.levels ?? []).includes(facts.target.region as Region);
      const sites = uniqueMentions(named.flatMap((f) => f.siteMentions.filter((m) => (m.type === "segment" || m.type === "congenital" || facts.target.namedJoint(m)) && own(m))));
      const evidence = uniqueMentions([...sites, ...named.map((f) => f.mention)]);
      return { status: "present", evidence, messageId: "present", data: { quote: quoteList(facts.text, sites) } };
    }
    const inferredRegion = t.filter((f) => f.site === "region");
    if (inferredRegion.length) {
      const sites = uniqueMentions(inferredRegion.flatMap((f) => f.siteMentions));
      return { status: "present", evidence: uniqueMentions([...sites, ...inferredRegion.map((f) => f.mention)]), messageId: "present", data: { quote: quoteList(facts.text, sites) } };
    }
    const vague = t.filter((f) => f.site === "vague" || f.site === "cervical");
    if (vague.length) {
      const sites = uniqueMentions(vague.flatMap((f) => f.siteMentions.filter((m) => m.type === "region")));
      const finding = vague[0]!.mention;
      return {
        status: "partial",
        evidence: uniqueMentions([...sites, finding]),
        messageId: "partial",
        data: { quote: quoteList(facts.text, sites) },
        query: `The record documents "${quote(facts.text, finding)}" at the ${sites.map((s) => quote(facts.text, s)).join(", ")}. Please clarify the specific spinal segments involved: ${facts.target.region === "occipito_atlanto_axial" ? "occiput-C1 (atlanto-occipital); C1-C2 (atlantoaxial); occiput through C2; cervical levels below C2 (please specify)" : facts.target.segments}; other (please specify); unable to determine.`,
      };
    }
    const spine = t.filter((f) => f.site === "spine");
    if (spine.length) {
      const f = spine[0]!;
      return {
        status: "missing",
        evidence: uniqueMentions([f.mention, ...f.siteMentions]),
        messageId: "noSite",
        query: `The record documents "${quote(facts.text, f.mention)}" of the spine without a site. Please clarify the spinal region and levels involved: ${facts.target.region === "occipito_atlanto_axial" ? "occipito-atlanto-axial (occiput, C1, C2); cervical below C2 (please specify levels); thoracic, lumbar or other region (please specify)" : `${facts.target.region === "unspecified" ? "" : `${facts.target.name} (${facts.target.fused}); `}other region (please specify levels)`}; other; unable to determine.`,
      };
    }
    return { status: "missing", evidence: [], messageId: "missing" };
  },
};
