/**
 * Facts pass: refutation. Findings the note itself takes back: a region finding quoted from another source
 * that the note's own conclusion denies, and a fusion the note only considers that a study excludes.
 */
import type { Region } from "../../domain.js";
import type { Sentence } from "../../types.js";
import type { TargetRegion } from "./target.js";
import type { Mention } from "../mentions.js";
import { regionsOfLevels } from "./site.js";
import { FINDING_TYPES, SITE_TYPES, type Finding } from "./model.js";

export const CONCLUSION_SECTIONS = new Set(["impression", "assessment"]);

/**
 * "Outside report states: 'C1-C2 autofusion.' ... Impression: No C1-C2 fusion." When the note's own
 * conclusion (impression or assessment) denies a fusion at the region and affirms none there, a finding at
 * the region that the note only quotes from another source (lexicons/links.json other-source) is refuted.
 */
export function refutedByConclusion(
  text: string,
  sentences: readonly Sentence[],
  bySentence: Map<number, Mention[]>,
  findings: readonly Finding[],
  target: TargetRegion,
): Set<Finding> {
  const refuted = new Set<Finding>();
  const inConclusion = (m: Mention) => CONCLUSION_SECTIONS.has(m.section);
  if (findings.some((f) => f.site === "region" && inConclusion(f.mention))) return refuted;
  const denied = [...bySentence.values()].some((list) =>
    list.some((m) => FINDING_TYPES.has(m.type) && m.assertion.negated && inConclusion(m)) &&
    list.some((m) => SITE_TYPES.has(m.type) && m.assertion.negated && inConclusion(m) && (m.levels ? regionsOfLevels(m.levels).includes(target.region as Region) : false)),
  );
  if (!denied) return refuted;
  for (const f of findings) {
    if (f.site !== "region") continue;
    // The source is named in the finding's sentence, or in the one before that introduces it ("... states:").
    const si = f.mention.sentence;
    const introduced = si > 0 && sentences[si - 1]!.closer === ":";
    const quoted = [si, ...(introduced ? [si - 1] : [])].some((k) => (bySentence.get(k) ?? []).some((m) => m.type === "link" && m.kind === "source"));
    if (quoted) refuted.add(f);
  }
  return refuted;
}

export const STUDY_SECTIONS = new Set(["imaging", "impression"]);

/**
 * "DDx: C1-C2 fusion vs degenerative narrowing. CT later showed no fusion." "Is her neck fused too?" ...
 * "No ankylosis at C1-C2." A fusion the note only considers (uncertain, at or near the region, or of the neck
 * or spine with no site) is excluded when a study the note reports denies a fusion at the region, or denies
 * one with no site of its own (it answers the question the differential asked), and the note affirms no
 * fusion at the region anywhere.
 */
export function differentialExcludedByStudy(bySentence: Map<number, Mention[]>, findings: readonly Finding[], target: TargetRegion): Finding[] {
  const atRegion = findings.filter((f) => f.site === "region" || f.site === "vague" || f.site === "cervical" || f.site === "spine");
  if (!atRegion.length || atRegion.some((f) => !f.uncertain)) return [];
  const denied = [...bySentence.values()].some((list) => {
    const study = list.some((m) => m.type === "imaging" && !m.assertion.negated && !m.assertion.hypothetical) || list.some((m) => STUDY_SECTIONS.has(m.section));
    if (!study) return false;
    const deniedFusion = list.some((m) => FINDING_TYPES.has(m.type) && m.assertion.negated && m.assertion.experiencer === "patient");
    if (!deniedFusion) return false;
    const sites = list.filter((m) => SITE_TYPES.has(m.type));
    const regionSite = (m: Mention) =>
      target.region === "occipito_atlanto_axial"
        ? m.levels
          ? regionsOfLevels(m.levels).includes("occipito_atlanto_axial")
          : m.kind === "vague"
        : m.levels
          ? regionsOfLevels(m.levels).includes(target.region as Region)
          : target.regionWords.has(m.kind) || target.namedJoint(m);
    // Its own site, if it names one, is the region (and is denied with it); no site: it answers the differential.
    return sites.length === 0 || sites.some((m) => regionSite(m) && m.assertion.negated);
  });
  return denied ? atRegion : [];
}
