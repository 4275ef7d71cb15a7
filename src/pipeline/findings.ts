/**
 * Stage 7: findings. Runs the facts passes (src/pipeline/facts/: site, causes, origin, refutation) over the
 * mentions and turns them into the facts the rules decide on: each fusion the note asserts
 * for the patient (affirmed or uncertain), where it is (the site words of its clause), what made it
 * (surgery, congenital origin, a disease cause) and how firmly the cause is tied to it.
 */
import { ACTUAL_STATUSES } from "../domain.js";
import type { Section, Sentence } from "../types.js";
import { isPatientFact, type Mention } from "./mentions.js";
import { attachFollowingSentences, linkCause, resolveGenericCauses } from "./facts/causes.js";
import { FINDING_TYPES, inSpan, sentenceMentions, type Finding, type NoteFacts, type Origin } from "./facts/model.js";
import { fractureNonunion, inferOrigins, isPerformedCue, noteUnions } from "./facts/origin.js";
import { differentialExcludedByStudy, refutedByConclusion } from "./facts/refutation.js";
import { attachSites, clauseOf, discSites, inferSites, siteOf } from "./facts/site.js";
import { defaultTarget, type TargetRegion } from "./facts/target.js";

export type { CauseLink, Finding, NoteFacts, Origin, Region, Site } from "./facts/model.js";
export { sentenceMentions } from "./facts/model.js";
export { regionsOfLevels } from "./facts/site.js";
export { originInDoubt } from "./facts/origin.js";
export type { TargetRegion } from "./facts/target.js";

export function buildFacts(
  text: string,
  sections: Section[],
  sentences: Sentence[],
  mentions: Mention[],
  bySentence: Map<number, Mention[]> = sentenceMentions(mentions),
  target: TargetRegion = defaultTarget(),
): NoteFacts {
  const findings: Finding[] = [];
  const setAside: Mention[] = [];

  const unions = noteUnions(mentions);
  for (const m of mentions) {
    const isCongenitalFusion = m.type === "congenital" && m.kind === "congenital_fusion";
    if (!FINDING_TYPES.has(m.type) && !isCongenitalFusion) continue;
    // An operation done in this encounter (the operative note of the fusion itself) is a procedure, not yet a status.
    if (!isPatientFact(m) || m.procedure?.status === "performed_here" || fractureNonunion(m, bySentence.get(m.sentence) ?? [], m.sentence > 0 ? (bySentence.get(m.sentence - 1) ?? []) : [], unions)) {
      setAside.push(m);
      continue;
    }
    const sentence = sentences[m.sentence]!;
    const sentMentions = bySentence.get(m.sentence) ?? [];
    const clause = clauseOf(text, sentence, sentMentions, m);
    const clauseMentions = sentMentions.filter((x) => inSpan(x, clause));
    const prevMentions = m.sentence > 0 && sentences[m.sentence - 1]!.section === sentence.section ? bySentence.get(m.sentence - 1) : undefined;
    const siteMentions = isCongenitalFusion
      ? [m, ...attachSites(clause, sentMentions, undefined, sentence, text)]
      : discSites(m, attachSites(clause, sentMentions, prevMentions, sentence, text));
    const { site, levels, regions } = siteOf(siteMentions, target);

    // Origin: surgery, congenital, Klippel-Feil, or explicit acquired wording, in the clause.
    const patientCue = (x: Mention) => !x.assertion.negated && x.assertion.experiencer === "patient";
    const contrasts = clauseMentions.filter((x) => x.type === "link" && x.kind === "contrast");
    const setApart = (x: Mention) => contrasts.some((c) => c.end <= x.start && x.start - c.end < 40);
    const surgical = clauseMentions.filter(
      (x) => x.type === "surgery" && !x.aboutStudy && patientCue(x) && !x.assertion.hypothetical && (x.kind === "surgical" || x.start < m.start) && !setApart(x),
    );
    if (m.type === "fusion" && m.kind === "surgical_fusion") surgical.unshift(m);
    // "posterior C1-C2 fusion ... for os odontoideum": a congenital condition after the operation's "for" is its
    // indication, not the fusion's origin.
    const indicationOfSurgery = (x: Mention) =>
      surgical.length > 0 &&
      clauseMentions.some((l) => l.type === "link" && l.kind === "indication" && l.start >= m.end && l.end <= x.start && x.start - l.end < 40);
    const kfs = clauseMentions.filter((x) => x.type === "congenital" && x.kind === "klippel_feil" && patientCue(x) && !indicationOfSurgery(x));
    const congenital = isCongenitalFusion ? [m] : clauseMentions.filter((x) => x.type === "congenital" && patientCue(x) && !indicationOfSurgery(x));
    const acquired = clauseMentions.filter((x) => x.type === "etiology" && x.kind === "acquired" && patientCue(x));
    // A fusion listed in the surgical history is an operation; in a procedure section only when the status stage
    // read it as one ("was found to be solidly fused" in the report of another operation is a finding).
    const inSurgicalSection = m.section === "psh" || (m.section === "procedure" && m.procedure !== null && ACTUAL_STATUSES.has(m.procedure.status));
    // "previous cervical fusion", "s/p fusion", "history of fusion": the status stage read an operation done
    // before this note (a trigger that says so); unless the clause gives a disease cause, the origin is surgical.
    const historyWords = m.id === "fusion" && m.procedure?.status === "performed" && m.procedure.cue !== null && isPerformedCue(m.procedure.cue.rule);
    let origin: Origin = "unknown";
    let originMentions: Mention[] = [];
    if (kfs.length) [origin, originMentions] = ["klippel_feil", kfs];
    else if (congenital.length) [origin, originMentions] = ["congenital", congenital];
    // A named operation ("interbody fusion") stays surgical unless the clause denies surgery outright
    // ("spontaneous L3-L4 interbody fusion ... (non-surgical)").
    else if (acquired.length && (m.kind !== "surgical_fusion" || acquired.some((a) => a.id === "not-surgical"))) [origin, originMentions] = ["acquired", acquired];
    else if (surgical.length || inSurgicalSection || m.type === "pseudarthrosis") [origin, originMentions] = ["surgical", surgical];
    else if (historyWords) [origin, originMentions] = ["surgical", []];

    // Causes are looked for in the whole sentence: a tie needs a link word or a modifier position anyway.
    const causes = sentMentions
      .filter((x) => ((x.type === "etiology" && x.kind === "disease") || x.type === "congenital") && x.cause && patientCue(x) && !x.assertion.hypothetical)
      .map((c) => linkCause(text, m, c, sentMentions));
    const hedges = clauseMentions.filter((x) => x.type === "link" && x.kind === "hedge");

    findings.push({
      mention: m,
      kind: isCongenitalFusion ? "congenital_fusion" : m.type === "pseudarthrosis" ? "pseudarthrosis" : "fusion",
      uncertain: m.assertion.uncertain,
      site,
      levels,
      regions,
      siteMentions,
      siteInferred: false,
      origin,
      originMentions,
      acquired,
      causes,
      hedges,
      setApart: contrasts.length > 0,
    });
  }

  attachFollowingSentences(text, sentences, bySentence, findings);
  inferSites(findings);
  inferOrigins(findings, target);
  resolveGenericCauses(findings, mentions);
  const refuted = refutedByConclusion(text, sentences, bySentence, findings, target);
  for (const f of differentialExcludedByStudy(bySentence, findings, target)) refuted.add(f);
  // "fusion for RA instability" names the indication of a surgical fusion; for any other fusion, "for" is no tie.
  for (const f of findings) {
    if (f.origin !== "surgical") for (const c of f.causes) if (c.indicationOnly) c.tied = false;
  }
  return {
    text,
    target,
    mentions,
    sentences,
    sections,
    bySentence,
    findings: findings.filter((f) => !refuted.has(f)),
    setAside: [...setAside, ...[...refuted].map((f) => f.mention)],
  };
}
