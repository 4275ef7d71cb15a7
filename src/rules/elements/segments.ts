/** Element `segments`: the note names the segments fused (occiput/C0, atlas/C1, axis/C2 or their joints). */
import type { Region } from "../../domain.js";
import { regionsOfLevels } from "../../pipeline/findings.js";
import type { Mention } from "../../pipeline/mentions.js";
import type { ElementRule } from "../types.js";
import { distinctIndicators, findingPhrase } from "../query.js";
import { quoteList, targets, uniqueMentions } from "../select.js";

export const segments: ElementRule = {
  meta: {
    id: "segments",
    description: "Names the segments involved (for M43.21 occiput/C0, C1/atlas, C2/axis or their joints; for the other codes the region's levels and named joints), tied to the fusion finding.",
    required: true,
    criteria: {
      present: "says which segments are involved, tied to the fusion: occiput or C0, atlas or C1, axis or C2, or their joints (atlanto-occipital, atlantoaxial, O-C1, C1-C2, occiput to C2, ...)",
      partial: "only a vague place is given: craniocervical, craniovertebral or occipitocervical junction, upper cervical spine",
    },
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
        query: {
          // The finding's phrase, then each site word it does not already hold, each wording once.
          indicators: distinctIndicators(facts.text, [findingPhrase(facts, vague[0]!), ...sites]),
          question: "Please clarify the specific spinal segments involved",
          options:
            facts.target.region === "occipito_atlanto_axial"
              ? [
                  { label: "Occiput-C1 (atlanto-occipital)" },
                  { label: "C1-C2 (atlantoaxial)" },
                  { label: "Occiput through C2" },
                  { label: "Cervical levels below C2 (please specify)" },
                ]
              : [{ label: facts.target.segments }, { label: "Levels in another region (please specify)" }],
        },
      };
    }
    const spine = t.filter((f) => f.site === "spine");
    if (spine.length) {
      const f = spine[0]!;
      return {
        status: "missing",
        evidence: uniqueMentions([f.mention, ...f.siteMentions]),
        messageId: "noSite",
        query: {
          indicators: [findingPhrase(facts, f)],
          question: "The fusion is documented without a spinal site. Please clarify the spinal region and levels involved",
          options:
            facts.target.region === "occipito_atlanto_axial"
              ? [
                  { label: "Occipito-atlanto-axial (occiput, C1, C2)" },
                  { label: "Cervical below C2 (please specify levels)" },
                  { label: "Thoracic, lumbar or other region (please specify)" },
                ]
              : [
                  ...(facts.target.region === "unspecified" ? [] : [{ label: `${facts.target.name} (${facts.target.fused})` }]),
                  { label: "Another region (please specify levels)" },
                ],
        },
      };
    }
    return { status: "missing", evidence: [], messageId: "missing" };
  },
};
