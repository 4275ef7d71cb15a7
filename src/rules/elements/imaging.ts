/** Element `imaging`: imaging (CT, MRI, radiograph) with a finding that confirms ankylosis at these segments. */
import { isAffirmed, type Mention } from "../../pipeline/mentions.js";
import { regionsOfLevels, type Finding, type NoteFacts, type TargetRegion } from "../../pipeline/findings.js";
import type { ElementRule, QueryDraft } from "../types.js";
import { distinctIndicators, findingPhrase } from "../query.js";
import { quote, quoteList, targets, uniqueMentions } from "../select.js";

const IMAGING_SECTIONS = new Set(["imaging", "impression"]);

function usableModality(m: Mention): boolean {
  return m.type === "imaging" && !m.assertion.negated && m.assertion.experiencer === "patient";
}

/**
 * A study not done yet: hypothetical, with its report stated unavailable, or with "pending"/"ordered" in its
 * sentence unless that sentence or the next one on the same line reports what it showed ("Repeat CT (ordered by rheum) again shows solid bony
 * fusion", "CT 03/2025 (ordered for neck pain): no fracture; ankylosis of the atlanto-axial joints").
 */
function isPending(facts: NoteFacts, modality: Mention): boolean {
  if (modality.assertion.hypothetical) return true;
  const there = facts.bySentence.get(modality.sentence) ?? [];
  const next = facts.sentences[modality.sentence + 1];
  const own = facts.sentences[modality.sentence]!;
  // The next sentence speaks for the study only when it goes on from the same line ("CT: no fracture; ankylosis ...").
  const sameLine = next !== undefined && next.section === own.section && !next.newLine;
  const following = sameLine ? (facts.bySentence.get(modality.sentence + 1) ?? []) : [];
  // "an outside CT showed his C1-C2 was fused; the report is not available": what it showed is hearsay until
  // the report is seen (GUIDELINES decision 3), in its own sentence or the next.
  const status = (kind: string) => (x: Mention) => x.type === "imaging_status" && x.kind === kind && !x.assertion.negated;
  if ([...there, ...following].some(status("unavailable"))) return true;
  if (!there.some(status("pending"))) return false;
  // What the study showed comes after it ("CT ... shows"); a fusion named before it is the diagnosis the study
  // was for ("C1/C2 ankylosis (outside CT 2022, report not available)").
  const reported = [...there.filter((x) => x.start >= modality.end), ...following];
  return !reported.some((x) => x.type === "imaging_finding" && isAffirmed(x));
}

/**
 * The finding's sentence goes on from the study's line after a semicolon and states a confirming finding
 * itself: "CT c-spine 03/2025: no fracture; ankylosis of the atlanto-axial joints w/ syndesmophytes".
 */
function continuesAfterSemicolon(facts: NoteFacts, before: number, f: Finding): boolean {
  const prev = facts.sentences[before]!;
  const own = facts.sentences[f.mention.sentence]!;
  if (prev.closer !== ";" || own.newLine) return false;
  return (facts.bySentence.get(f.mention.sentence) ?? []).some((m) => m.type === "imaging_finding" && isAffirmed(m));
}

/** The sentence opens with the study as its subject ("It demonstrates ...", "The scan shows ..."): the study named just before. */
function opensWithStudyReference(facts: NoteFacts, index: number): boolean {
  const s = facts.sentences[index]!;
  return (facts.bySentence.get(index) ?? []).some((m) => m.type === "link" && m.kind === "study" && m.start === s.wordsStart);
}

/**
 * Modalities that report on this finding: in its sentence; in the sentence just before or after it, in the
 * same section, when that sentence itself states a confirming finding ("C1-C2 ankylosis; CT confirms bridging")
 * or the finding's sentence opens with the study as its subject ("CT of the neck was reviewed. It shows...");
 * or heading the imaging section it sits in.
 */
function reportingModalities(facts: NoteFacts, f: Finding, done: readonly Mention[]): Mention[] {
  const own = done.filter((m) => m.sentence === f.mention.sentence);
  if (own.length) return own;
  const sentence = facts.sentences[f.mention.sentence]!;
  for (const near of [f.mention.sentence + 1, f.mention.sentence - 1]) {
    const other = facts.sentences[near];
    if (!other || other.section !== sentence.section) continue;
    const there = facts.bySentence.get(near) ?? [];
    // A short sentence that only names the study ("Radiographs 2025.", "CT reviewed.") speaks of the finding beside
    // it; so does a study label naming the part imaged, ended by a colon ("XR c-spine AP/lat (today):").
    const label = other.closer === ":";
    const studyOnly =
      there.every((m) => m.type === "imaging" || m.type === "imaging_status" || m.type === "link" || (label && m.type === "region")) && other.end - other.start <= 40;
    const referredTo = near === f.mention.sentence - 1 && (opensWithStudyReference(facts, f.mention.sentence) || continuesAfterSemicolon(facts, near, f));
    const confirms = studyOnly || referredTo || there.some((m) => m.type === "imaging_finding" && !m.assertion.negated && !m.assertion.uncertain);
    // ...about the same segments: no failed fusion there, and no level the finding does not have.
    const elsewhere = there.some((m) => m.type === "pseudarthrosis" || (m.type === "segment" && (m.levels ?? []).some((l) => !f.levels.includes(l))));
    const mods = done.filter((m) => m.sentence === near);
    if (confirms && !elsewhere && mods.length) return mods;
  }
  const section = facts.sections[sentence.section]!;
  if (!IMAGING_SECTIONS.has(section.kind)) return [];
  // The modality can be in the section header ("CT CERVICAL SPINE:"), the section, or the report's opening lines
  // (unless that study is about other levels: "thoracic radiograph ... bridging from T5 through T9").
  const sectionMods = done.filter((m) => m.start >= section.start && m.end <= section.end);
  if (sectionMods.length) return sectionMods;
  const aboutOtherLevels = (m: Mention) =>
    (facts.bySentence.get(m.sentence) ?? []).some((x) => x.type === "segment" && (x.levels ?? []).length > 0 && (x.levels ?? []).every((l) => !f.levels.includes(l)));
  return done.filter((m) => m.start < 400 && !aboutOtherLevels(m));
}

/**
 * The contradiction's sentence names every level of the finding (the same joint, not its neighbour); a field label
 * just before it names them for it ("Right lateral atlantoaxial joint: joint space preserved").
 */
function sameJoint(facts: NoteFacts, contradiction: Mention, f: Finding): boolean {
  const own = (facts.bySentence.get(contradiction.sentence) ?? []).filter((m) => (m.type === "segment" || m.type === "region") && m.levels?.length);
  const set = new Set(labelledSites(facts, contradiction.sentence, own).flatMap((m) => m.levels ?? []));
  return f.levels.length > 0 && f.levels.every((l) => set.has(l));
}

/** Whether the finding is the study's own: in an imaging or impression section, or in a sentence that names a study. */
function reportedByStudy(facts: NoteFacts, f: Finding): boolean {
  if (IMAGING_SECTIONS.has(f.mention.section)) return true;
  return (facts.bySentence.get(f.mention.sentence) ?? []).some((m) => usableModality(m));
}

/**
 * A study in the note that shows the region's joints open or mobile ("joint spaces narrowed but preserved",
 * "motion at C1-C2 present", "no bony bridging", "without ankylosis"), and no study sentence that confirms a
 * fusion there: the first such words, or null. A study sentence is one in an imaging or impression section or
 * one that names a study; the region is named in the sentence (or nothing else is).
 */
function studyContradiction(facts: NoteFacts): Mention | null {
  let found: Mention | null = null;
  let confirmedInFindings = false;
  let confirmedInConclusion = false;
  for (const [si, list] of facts.bySentence) {
    const study = list.some((m) => IMAGING_SECTIONS.has(m.section)) || list.some((m) => usableModality(m));
    if (!study) continue;
    const sites = labelledSites(facts, si, list.filter((m) => m.type === "segment" || m.type === "region"));
    const atRegion = sites.length === 0 || sites.some((m) => onlyAtTarget(facts.target, m));
    if (!atRegion) continue;
    // A confirming finding word in a study sentence at the region's segments ("trabecular continuity between
    // the right C1 lateral mass and C2", "no motion at C1-C2"), or one that is itself a fusion of the region.
    const atSegments = sites.length > 0 && sites.some((m) => regionSite(facts.target, m));
    const confirms = list.some((m) => m.type === "imaging_finding" && isAffirmed(m) && (atSegments || !facts.findings.every((f) => f.mention.sentence !== m.sentence || f.site !== "region")));
    if (confirms) {
      if (list[0]!.section === "impression") confirmedInConclusion = true;
      else confirmedInFindings = true;
    }
    const open = list.find((m) => (m.type === "open_joint" && isAffirmed(m)) || ((m.type === "fusion" || m.type === "imaging_finding") && m.assertion.negated && m.assertion.experiencer === "patient"));
    if (open && !confirms && !found) found = open;
  }
  // A study's described findings outweigh its conclusion ("joint space preserved ... IMPRESSION: compatible
  // with ankylosis"), as SPEC section 5 lets a described finding confirm whatever the conclusion says.
  if (confirmedInFindings) return null;
  if (confirmedInConclusion && !(found && found.section !== "impression")) return null;
  return found;
}

/**
 * The site words of a sentence, or, when it has none, those of the field label just before it in the same section
 * ("Right lateral atlantoaxial joint: continuous bone across the articulation").
 */
function labelledSites(facts: NoteFacts, si: number, own: Mention[]): Mention[] {
  if (own.length) return own;
  const label = facts.sentences[si - 1];
  if (!label || label.closer !== ":" || label.section !== facts.sentences[si]!.section) return own;
  return (facts.bySentence.get(si - 1) ?? []).filter((m) => m.type === "segment" || m.type === "region");
}

/**
 * Site words only at the checked region: for M43.21 every level named is the occiput, C1 or C2; for another
 * code every joint and lone level the levels make lies in its region, or the word is a named joint of it.
 */
function onlyAtTarget(target: TargetRegion, m: Mention): boolean {
  const levels = m.levels ?? [];
  if (target.region === "occipito_atlanto_axial") return levels.some((l) => l <= 2) && !levels.some((l) => l > 2);
  if (target.namedJoint(m)) return true;
  const regions = regionsOfLevels(levels);
  return regions.length > 0 && regions.every((r) => r === target.region);
}

/** Segment words of the region (and, for another code, its named joints: the sacroiliac joint). */
function regionSite(target: TargetRegion, m: Mention): boolean {
  return (m.type === "segment" || target.namedJoint(m)) && onlyAtTarget(target, m);
}

/**
 * A study that itself reports a confirming finding at the region's segments: a sentence that names a done study
 * (or sits in an imaging or impression section), or the sentence right after a study's sentence in the same
 * section, holding an affirmed confirming finding and a segment of the region and no other level. Returns the
 * evidence (study, finding, segments) or null.
 */
function studyConfirmation(facts: NoteFacts, done: readonly Mention[]): Mention[] | null {
  for (const [si, list] of facts.bySentence) {
    const findings = list.filter((m) => m.type === "imaging_finding" && isAffirmed(m));
    const sites = list.filter((m) => m.type === "segment" || facts.target.namedJoint(m));
    const atTarget = (m: Mention) => regionSite(facts.target, m);
    if (!findings.length || !sites.some(atTarget) || sites.some((m) => !atTarget(m))) continue;
    // A failed or denied fusion in the sentence ("nonunion at C1-C2 - no bridging bone ..., no motion") is no confirmation.
    if (list.some((m) => m.type === "pseudarthrosis" || ((m.type === "fusion" || m.type === "imaging_finding") && m.assertion.negated))) continue;
    // "posterior C1-C2 Brooks fusion": the fusion an operation made is no study's finding.
    if (list.some((m) => m.type === "surgery" && !m.aboutStudy && isAffirmed(m))) continue;
    const section = facts.sentences[si]!.section;
    const own = done.filter((m) => m.sentence === si);
    const prevSentence = facts.sentences[si - 1];
    // The sentence before speaks for this one only when it introduces the study without findings of its own
    // ("CT cervical spine was obtained to exclude fracture: no acute fracture. There is bony ankylosis ...").
    const prevList = facts.bySentence.get(si - 1) ?? [];
    const introduces =
      !prevList.some((m) => m.type === "imaging_finding" || m.type === "pseudarthrosis" || m.type === "open_joint") &&
      // ... and this sentence is not someone's account ("The patient reports a C1-C2 fusion").
      !list.some((m) => m.type === "link" && m.kind === "source");
    const before = prevSentence && prevSentence.section === section && introduces ? done.filter((m) => m.sentence === si - 1) : [];
    const inReport = IMAGING_SECTIONS.has(list[0]!.section) ? done.filter((m) => facts.sentences[m.sentence]!.section === section) : [];
    const study = own.length ? own : before.length ? before : inReport.slice(0, 1);
    if (study.length) return uniqueMentions([...study, ...findings, ...sites.filter(atTarget)]);
  }
  return null;
}

export const imaging: ElementRule = {
  meta: {
    id: "imaging",
    description: "Records imaging (CT, MRI, radiograph) with a finding that confirms ankylosis at these segments: bony bridging, osseous fusion, obliterated or absent joint space, trabecular continuity.",
    required: true,
    criteria: {
      present: "records a study (CT, MRI, radiograph) whose findings confirm ankylosis at these segments: bony bridging, osseous fusion, an obliterated or absent joint space, trabecular continuity",
      partial: "a study is mentioned without such a finding at these segments (non-diagnostic; a finding only at other levels; a report whose own findings show the joints open, moving or with joint space left), or the study is only ordered, pending or not available",
    },
    messages: {
      present: "Imaging confirms the fusion at these segments: {quote}.",
      pending: "Imaging is ordered or pending ({quote}); no result confirms the fusion yet.",
      noFinding: "Imaging is mentioned ({quote}) without a finding that confirms ankylosis at the {region} segments.",
      contradicted: "The note's own imaging report shows these joints open or mobile ({quote}), so imaging does not confirm the fusion the note states; the two need reconciling.",
      missing: "No imaging is documented.",
    },
  },
  check(facts) {
    if (!targets(facts).length) return { status: "missing", evidence: [], messageId: "missing" };
    // A fusion at the region, or at a vague site that the imaging describes at that same site; for M43.20
    // (site unspecified) a fusion of the spine with no site is the one the code is about.
    const unspecified = facts.target.region === "unspecified";
    const t = targets(facts).filter((f) => (f.site === "region" || f.site === "vague" || (unspecified && f.site === "spine")) && f.kind !== "pseudarthrosis");
    const modalities = facts.mentions.filter(usableModality);
    const done = modalities.filter((m) => !isPending(facts, m));
    const first = targets(facts)[0];
    const contradiction = studyContradiction(facts);
    for (const f of t) {
      if (f.uncertain) continue;
      const mods = reportingModalities(facts, f, done);
      // "A: C1-C2 ankylosis due to RA" with the note's own report showing the joints open: the study does not
      // confirm what the assessment says, whatever study is named (SPEC section 4).
      // The same holds for a report's own conclusion against its described findings ("joint space is preserved
      // ... IMPRESSION: compatible with ankylosis").
      // Only about the same joint: one fused joint is enough ("the atlanto-occipital joints are preserved" does
      // not answer "ankylosis of the right C1-C2 joint").
      const conclusionOnly =
        f.mention.section === "impression" && contradiction !== null && contradiction.section !== "impression" && sameJoint(facts, contradiction, f);
      if (mods.length && contradiction && (!reportedByStudy(facts, f) || conclusionOnly)) continue;
      if (mods.length) {
        const findingWords = (facts.bySentence.get(f.mention.sentence) ?? []).filter(
          (m) => m.type === "imaging_finding" && !m.assertion.negated && !m.assertion.uncertain,
        );
        const evidence = uniqueMentions([...mods, f.mention, ...findingWords, ...f.siteMentions.filter((s) => s.sentence === f.mention.sentence)]);
        return { status: "present", evidence, messageId: "present", data: { quote: `"${quote(facts.text, facts.sentences[f.mention.sentence]!, 120)}"` } };
      }
    }
    if (!modalities.length) {
      const site = targets(facts)[0];
      return {
        status: "missing",
        evidence: [],
        messageId: "missing",
        ...(site
          ? {
              query: {
                indicators: [findingPhrase(facts, site)],
                question: `If imaging of the ${facts.target.study} has been performed, please document the study and its findings at the involved segments, or indicate`,
                options: [{ label: "Study and findings as follows (please specify)" }, { label: "No imaging available" }],
              },
            }
          : {}),
      };
    }
    // No finding sentence of its own names the study, but a study reports a confirming finding at the region:
    // its own sentence, or the sentence right after it that goes on describing it (SPEC section 4).
    const reported = contradiction ? null : studyConfirmation(facts, done);
    if (reported && t.some((f) => !f.uncertain)) {
      return { status: "present", evidence: reported, messageId: "present", data: { quote: `"${quote(facts.text, facts.sentences[reported[reported.length - 1]!.sentence]!, 120)}"` } };
    }
    const pending = modalities.filter((m) => isPending(facts, m));
    if (contradiction && first) {
      return {
        status: "partial",
        evidence: uniqueMentions([contradiction, ...modalities]).slice(0, 5),
        messageId: "contradicted",
        data: { quote: `"${quote(facts.text, contradiction)}"` },
        query: {
          indicators: distinctIndicators(facts.text, [findingPhrase(facts, first), contradiction]),
          question: `The fusion and the imaging report's findings differ. Please clarify the status of the ${facts.target.segmentNames} segments, as clinically appropriate`,
          options: [{ label: "Bony ankylosis confirmed (please specify the study)" }, { label: "Joints not fused" }],
        },
      };
    }
    const query: QueryDraft | undefined = first
      ? {
          indicators: distinctIndicators(facts.text, [findingPhrase(facts, first), ...modalities], 4),
          question: `Please document the imaging findings at the ${facts.target.segmentNames} segments, as clinically appropriate`,
          options: [{ label: "Findings as follows (please specify)" }, { label: "No osseous abnormality at these segments" }, { label: "Study not yet available" }],
        }
      : undefined;
    if (pending.length === modalities.length) {
      return { status: "partial", evidence: uniqueMentions(pending), messageId: "pending", data: { quote: quoteList(facts.text, pending) }, ...(query ? { query } : {}) };
    }
    return {
      status: "partial",
      evidence: uniqueMentions(modalities).slice(0, 5),
      messageId: "noFinding",
      data: { quote: quoteList(facts.text, modalities, 3) },
      ...(query ? { query } : {}),
    };
  },
};
