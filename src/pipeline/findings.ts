/**
 * Stage 6: findings. Turns mentions into the facts the rules decide on: each fusion the note asserts
 * for the patient (affirmed or uncertain), where it is (the site words of its clause), what made it
 * (surgery, congenital origin, a disease cause) and how firmly the cause is tied to it.
 */
import { vocabulary } from "../lexicon/index.js";
import type { Cause } from "../lexicon/schema.js";
import type { Section, Sentence, Span } from "../types.js";
import { clauseSpans, quickClauses } from "./clauses.js";
import { isPatientFact, type Mention } from "./mentions.js";
import { contextRule } from "./context.js";
import { ACTUAL_STATUSES } from "../domain.js";

export type Region =
  | "occipito_atlanto_axial"
  | "cervical"
  | "cervicothoracic"
  | "thoracic"
  | "thoracolumbar"
  | "lumbar"
  | "lumbosacral"
  | "sacral";

/**
 * Where a fusion is: the region itself, near it (vague: "craniocervical junction"), the cervical spine with
 * no levels, the spine with no site, other spine, elsewhere, or not said.
 */
export type Site = "region" | "vague" | "cervical" | "spine" | "other_spine" | "non_spine" | "none";

export type Origin = "surgical" | "congenital" | "klippel_feil" | "acquired" | "unknown";

export interface CauseLink {
  mention: Mention;
  cause: Cause;
  /** Stated as the cause of this fusion (a causal link word, or a modifier such as "rheumatoid ankylosis"). */
  tied: boolean;
  /** The cause or its tie is hedged ("likely related to", "possible RA"). */
  hedged: boolean;
  /** Tied only as the indication of a procedure ("fusion for RA instability"): a tie for surgical fusions only. */
  indicationOnly: boolean;
}

export interface Finding {
  mention: Mention;
  /** fusion word, pseudarthrosis, or a congenital fusion named as such (occipitalization of the atlas). */
  kind: "fusion" | "pseudarthrosis" | "congenital_fusion";
  uncertain: boolean;
  site: Site;
  levels: number[];
  regions: Region[];
  siteMentions: Mention[];
  /** Site taken from the note's other findings ("the fusion", "The ankylosis is due to RA"). */
  siteInferred: boolean;
  origin: Origin;
  originMentions: Mention[];
  /** Explicit acquired wording in the clause ("non-surgical", "spontaneous", "acquired"). */
  acquired: Mention[];
  causes: CauseLink[];
  /** Hedge words in the fusion's clause that make its origin uncertain. */
  hedges: Mention[];
  /** The clause sets this fusion apart from another ("separate from the surgical level", "apart from"). */
  setApart: boolean;
}

export interface NoteFacts {
  text: string;
  mentions: Mention[];
  sentences: Sentence[];
  sections: Section[];
  /** Mentions by sentence index (for rules that look at one sentence at a time). */
  bySentence: Map<number, Mention[]>;
  /** The patient's fusion findings (affirmed or uncertain). */
  findings: Finding[];
  /** Fusion mentions that do not count (negated, hypothetical, someone else's, other senses). */
  setAside: Mention[];
}

const REGION_OF_JOINT = (lower: number): Region => {
  if (lower <= 1) return "occipito_atlanto_axial";
  if (lower <= 6) return "cervical";
  if (lower === 7) return "cervicothoracic";
  if (lower <= 18) return "thoracic";
  if (lower === 19) return "thoracolumbar";
  if (lower <= 23) return "lumbar";
  if (lower === 24) return "lumbosacral";
  return "sacral";
};

/** Region of a level named alone (no neighbour in the set); the occiput alone is no spinal joint. */
const REGION_OF_LEVEL = (level: number): Region | undefined => {
  if (level === 0) return undefined;
  if (level <= 2) return "occipito_atlanto_axial";
  if (level <= 7) return "cervical";
  if (level <= 19) return "thoracic";
  if (level <= 24) return "lumbar";
  return "sacral";
};

/**
 * Regions of a set of levels: consecutive levels are a joint (C1+C2 -> the region; C2+C3 -> cervical);
 * a level with no neighbour in the set counts by itself (C2 alone -> the region).
 */
export function regionsOfLevels(levels: readonly number[]): Region[] {
  const set = new Set(levels);
  const out = new Set<Region>();
  for (const l of set) {
    const joint = set.has(l + 1);
    if (joint) out.add(REGION_OF_JOINT(l));
    const alone = !joint && !set.has(l - 1) ? REGION_OF_LEVEL(l) : undefined;
    if (alone) out.add(alone);
  }
  return [...out];
}

const REGION_KIND: Record<string, Region | "vague" | "spine"> = {
  vague: "vague",
  spine: "spine",
  cervicothoracic: "cervicothoracic",
  thoracic: "thoracic",
  thoracolumbar: "thoracolumbar",
  lumbar: "lumbar",
  lumbosacral: "lumbosacral",
  sacral: "sacral",
};

const FINDING_TYPES = new Set(["fusion", "pseudarthrosis"]);
/** A historical trigger whose words by themselves mean an earlier operation ("s/p", "prior", "history of": lexicons/context.json `performed: surgery`). */
function isPerformedCue(rule: string): boolean {
  return contextRule(rule)?.performed === "surgery";
}
/** Site words too general to compete with levels for a fusion ("C-spine", "spine"). */
const UNSPECIFIC_KINDS = new Set(["cervical", "spine"]);
const SITE_TYPES = new Set(["segment", "region", "body_site"]);

function inSpan(m: Span, s: Span): boolean {
  return m.start >= s.start && m.end <= s.end;
}

function between(a: Span, b: Span): Span {
  return a.end <= b.start ? { start: a.end, end: b.start } : { start: b.end, end: a.start };
}

/** The clause of a sentence holding `m`, splitting with compromise only when sites of different regions compete. */
function clauseOf(text: string, sentence: Sentence, sentMentions: readonly Mention[], m: Mention): Span {
  const siteGroups = new Set(
    sentMentions
      .filter((x) => SITE_TYPES.has(x.type) && isPatientFact(x) && !UNSPECIFIC_KINDS.has(x.kind))
      .map((x) => (x.levels ? regionsOfLevels(x.levels).join("+") : x.kind)),
  );
  if (siteGroups.size < 2) return sentence;
  // Punctuation and conjunctions settle most sentences; the parser is asked only when they leave the
  // finding's clause with no site of its own.
  const quick = quickClauses(text, sentence).find((c) => m.start >= c.start && m.start < c.end);
  if (quick && sentMentions.some((x) => SITE_TYPES.has(x.type) && !UNSPECIFIC_KINDS.has(x.kind) && inSpan(x, quick))) return quick;
  return clauseSpans(text, sentence).find((c) => m.start >= c.start && m.start < c.end) ?? sentence;
}

function siteOf(sites: readonly Mention[]): { site: Site; levels: number[]; regions: Region[] } {
  const levels = [...new Set(sites.flatMap((s) => s.levels ?? []))].sort((a, b) => a - b);
  const regions = new Set<Region>(regionsOfLevels(levels));
  let vague = false;
  let spine = false;
  let nonSpine = false;
  for (const s of sites) {
    if (s.type === "body_site") nonSpine = true;
    else if (s.type === "region" && !s.levels?.length) {
      const k = REGION_KIND[s.kind];
      if (k === "vague") vague = true;
      else if (k === "spine") spine = true;
      else if (k) regions.add(k);
    } else if (s.type === "region" && s.levels?.length) {
      const k = REGION_KIND[s.kind];
      if (k && k !== "vague" && k !== "spine") regions.add(k);
    }
  }
  const list = [...regions];
  // "cervical" with no levels may or may not include C1-C2; with levels ("cervical fusion C5-C6") the levels say where.
  const cervical = sites.some((s) => s.type === "region" && s.kind === "cervical") && levels.length === 0;
  const site: Site = regions.has("occipito_atlanto_axial")
    ? "region"
    : vague
      ? "vague"
      : cervical && !list.length
        ? "cervical"
        : list.length
        ? "other_spine"
        : spine
          ? "spine"
          : nonSpine
            ? "non_spine"
            : "none";
  return { site, levels, regions: list };
}

export function sentenceMentions(mentions: readonly Mention[]): Map<number, Mention[]> {
  const by = new Map<number, Mention[]>();
  for (const m of mentions) {
    const list = by.get(m.sentence) ?? [];
    list.push(m);
    by.set(m.sentence, list);
  }
  return by;
}

/** Pick the site words for a finding: its clause, else a short header-like sentence before it. */
function attachSites(clause: Span, sentMentions: readonly Mention[], prevSentenceMentions: readonly Mention[] | undefined, sentence: Sentence, text: string): Mention[] {
  const usable = (x: Mention) => SITE_TYPES.has(x.type) && !x.assertion.negated && x.assertion.experiencer === "patient";
  const own = sentMentions.filter((x) => usable(x) && inSpan(x, clause));
  if (own.length) return own;
  const sentenceWide = sentMentions.filter(usable);
  if (sentenceWide.length) return sentenceWide;
  // "C1-C2:" on its own line, or "Cervical spine: Fused." -- a short previous sentence names the site.
  if (prevSentenceMentions && sentence.end - sentence.start < 120) {
    const prev = prevSentenceMentions.filter(usable);
    if (prev.length && prev.every((p) => p.end - p.start >= 0) && text.slice(prev[0]!.start, sentence.start).length < 160) return prev;
  }
  return [];
}

/**
 * Words between a cause written as a modifier and its fusion: adjectives and site words ("rheumatoid
 * atlantoaxial ankylosis", "RA-related C1-C2 ankylosis"), at most three. A conjunction, "with" or a comma
 * makes it a list ("RA and C1-C2 ankylosis", "ankylosis, RA"): juxtaposition, not a tie.
 */
const GAP_MAX_CHARS = 40;
const GAP_MAX_WORDS = 3;
const GAP_WORD = /^[a-z0-9'/\u2013-]+$/i;
/**
 * True when `gap` is at most three words of letters, digits, hyphens, apostrophes and slashes, separated
 * and followed by spaces, hyphens or parentheses. Written as a split, not one regex: a word class and a
 * separator class that share the hyphen made the regex backtrack exponentially on a line of dashes.
 */
function modifierGap(gap: string): boolean {
  if (gap.length > GAP_MAX_CHARS) return false;
  if (gap.length && !/[\s\-()]$/.test(gap)) return false;
  const words = gap.split(/[\s()]+/).filter((w) => w.replace(/-/g, "").length > 0);
  return words.length <= GAP_MAX_WORDS && words.every((w) => GAP_WORD.test(w.replace(/^-+/, "")));
}
const GAP_BREAKS = /(?:^|[\s(])(?:and|or|with|without|plus|vs|versus|&)(?=[\s)]|$)/i;
/**
 * "after" and "following" tie a fusion to what came before it ("fusion after discitis"); between a cause
 * named first and a later fusion they only order events ("JIA since childhood, referred after a CT that
 * showed O-C1 fusion").
 */
const TEMPORAL_LINK = /^(?:after|following)$/i;
/** "attribute this ankylosis to her RA": the verb before the fusion, "to" just before the cause. */
const TO_BEFORE_CAUSE = /^\s+to\s+(?:(?:her|his|their|the|underlying|known|long-standing|longstanding)\s+)*$/i;

/** How a disease cause in the same clause relates to the fusion. */
function linkCause(text: string, finding: Mention, cause: Mention, clauseMentions: readonly Mention[]): CauseLink {
  const gap = between(finding, cause);
  const causeFirst = cause.end <= finding.start;
  const links = clauseMentions.filter(
    (x) => x.type === "link" && x.kind === "causal" && inSpan(x, gap) && !(causeFirst && TEMPORAL_LINK.test(text.slice(x.start, x.end))),
  );
  const indications = clauseMentions.filter((x) => x.type === "link" && x.kind === "indication" && inSpan(x, gap) && finding.end <= cause.start);
  const hedges = clauseMentions.filter((x) => x.type === "link" && x.kind === "hedge" && (inSpan(x, gap) || (x.end <= cause.start && cause.start - x.end < 30)));
  const gapText = text.slice(gap.start, gap.end);
  const modifier = cause.end <= finding.start && modifierGap(gapText) && !GAP_BREAKS.test(gapText);
  // "I would attribute this ankylosis (of C1-C2) to her rheumatoid disease": a split causal verb.
  const splitVerb =
    finding.end <= cause.start &&
    TO_BEFORE_CAUSE.test(text.slice(lastSiteOrFindingEnd(finding, cause, clauseMentions), cause.start)) &&
    clauseMentions.some((x) => x.type === "link" && x.kind === "causal_verb" && x.end <= finding.start && finding.start - x.end < 20);
  // "due to RA, ...", "sequelae of ankylosing spondylitis: ankylosis ..." -- a link right before the cause.
  const leading = clauseMentions.some((x) => x.type === "link" && x.kind === "causal" && x.end <= cause.start && /^[\s(]*(?:the |his |her |their |known |underlying )*$/i.test(text.slice(x.end, cause.start)));
  links.push(...(leading && !links.length ? clauseMentions.filter((x) => x.type === "link" && x.kind === "causal" && x.end <= cause.start && cause.start - x.end < 30) : []));
  const tied = links.length > 0 || modifier || splitVerb || indications.length > 0;
  const hedged = hedges.length > 0 || cause.assertion.uncertain;
  return { mention: cause, cause: cause.cause!, tied, hedged, indicationOnly: tied && !links.length && !modifier && !splitVerb };
}

/** Where the fusion phrase ends before its cause: the fusion word, or a site word right after it ("ankylosis of C1-C2"). */
function lastSiteOrFindingEnd(finding: Mention, cause: Mention, clauseMentions: readonly Mention[]): number {
  let end = finding.end;
  for (const x of clauseMentions) if (SITE_TYPES.has(x.type) && x.start >= finding.end && x.end <= cause.start && x.end > end) end = x.end;
  return end;
}

/**
 * "type II odontoid fracture treated in a collar, now nonunion": a nonunion in a sentence that names a
 * fracture and no fusion or operation is the fracture's, not a failed fusion (GUIDELINES decision 11).
 */
function fractureNonunion(m: Mention, sentence: readonly Mention[], previous: readonly Mention[]): boolean {
  if (m.type !== "pseudarthrosis" || m.id !== "nonunion") return false;
  const fusion = sentence.some((x) => (x.type === "fusion" || x.type === "surgery") && isPatientFact(x));
  if (fusion) return false;
  // "... odontoid fracture, treated in a collar; now a nonunion": the fracture may be named in the clause before.
  return [...sentence, ...previous].some((x) => x.type === "etiology" && x.id === "fracture" && isPatientFact(x));
}

export function buildFacts(text: string, sections: Section[], sentences: Sentence[], mentions: Mention[]): NoteFacts {
  const bySentence = sentenceMentions(mentions);
  const findings: Finding[] = [];
  const setAside: Mention[] = [];

  for (const m of mentions) {
    const isCongenitalFusion = m.type === "congenital" && m.kind === "congenital_fusion";
    if (!FINDING_TYPES.has(m.type) && !isCongenitalFusion) continue;
    // An operation done in this encounter (the operative note of the fusion itself) is a procedure, not yet a status.
    if (!isPatientFact(m) || m.procedure?.status === "performed_here" || fractureNonunion(m, bySentence.get(m.sentence) ?? [], m.sentence > 0 ? (bySentence.get(m.sentence - 1) ?? []) : [])) {
      setAside.push(m);
      continue;
    }
    const sentence = sentences[m.sentence]!;
    const sentMentions = bySentence.get(m.sentence) ?? [];
    const clause = clauseOf(text, sentence, sentMentions, m);
    const clauseMentions = sentMentions.filter((x) => inSpan(x, clause));
    const prevMentions = m.sentence > 0 && sentences[m.sentence - 1]!.section === sentence.section ? bySentence.get(m.sentence - 1) : undefined;
    const siteMentions = isCongenitalFusion ? [m, ...attachSites(clause, sentMentions, undefined, sentence, text)] : attachSites(clause, sentMentions, prevMentions, sentence, text);
    const { site, levels, regions } = siteOf(siteMentions);

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
  inferOrigins(findings);
  resolveGenericCauses(findings, mentions);
  const refuted = refutedByConclusion(text, sentences, bySentence, findings);
  for (const f of differentialExcludedByStudy(bySentence, findings)) refuted.add(f);
  // "fusion for RA instability" names the indication of a surgical fusion; for any other fusion, "for" is no tie.
  for (const f of findings) {
    if (f.origin !== "surgical") for (const c of f.causes) if (c.indicationOnly) c.tied = false;
  }
  return {
    text,
    mentions,
    sentences,
    sections,
    bySentence,
    findings: findings.filter((f) => !refuted.has(f)),
    setAside: [...setAside, ...[...refuted].map((f) => f.mention)],
  };
}

const CONCLUSION_SECTIONS = new Set(["impression", "assessment"]);

/**
 * "Outside report states: 'C1-C2 autofusion.' ... Impression: No C1-C2 fusion." When the note's own
 * conclusion (impression or assessment) denies a fusion at the region and affirms none there, a finding at
 * the region that the note only quotes from another source (lexicons/links.json other-source) is refuted.
 */
function refutedByConclusion(
  text: string,
  sentences: readonly Sentence[],
  bySentence: Map<number, Mention[]>,
  findings: readonly Finding[],
): Set<Finding> {
  const refuted = new Set<Finding>();
  const inConclusion = (m: Mention) => CONCLUSION_SECTIONS.has(m.section);
  if (findings.some((f) => f.site === "region" && inConclusion(f.mention))) return refuted;
  const denied = [...bySentence.values()].some((list) =>
    list.some((m) => FINDING_TYPES.has(m.type) && m.assertion.negated && inConclusion(m)) &&
    list.some((m) => SITE_TYPES.has(m.type) && m.assertion.negated && inConclusion(m) && (m.levels ? regionsOfLevels(m.levels).includes("occipito_atlanto_axial") : false)),
  );
  if (!denied) return refuted;
  for (const f of findings) {
    if (f.site !== "region") continue;
    // The source is named in the finding's sentence, or in the one before that introduces it ("... states:").
    const si = f.mention.sentence;
    const introduced = si > 0 && /:\s*$/.test(text.slice(sentences[si - 1]!.start, sentences[si - 1]!.end));
    const quoted = [si, ...(introduced ? [si - 1] : [])].some((k) => (bySentence.get(k) ?? []).some((m) => m.type === "link" && m.kind === "source"));
    if (quoted) refuted.add(f);
  }
  return refuted;
}

const STUDY_SECTIONS = new Set(["imaging", "impression"]);

/**
 * "DDx: C1-C2 fusion vs degenerative narrowing. CT later showed no fusion." "Is her neck fused too?" ...
 * "No ankylosis at C1-C2." A fusion the note only considers (uncertain, at or near the region, or of the neck
 * or spine with no site) is excluded when a study the note reports denies a fusion at the region, or denies
 * one with no site of its own (it answers the question the differential asked), and the note affirms no
 * fusion at the region anywhere.
 */
function differentialExcludedByStudy(bySentence: Map<number, Mention[]>, findings: readonly Finding[]): Finding[] {
  const atRegion = findings.filter((f) => f.site === "region" || f.site === "vague" || f.site === "cervical" || f.site === "spine");
  if (!atRegion.length || atRegion.some((f) => !f.uncertain)) return [];
  const denied = [...bySentence.values()].some((list) => {
    const study = list.some((m) => m.type === "imaging" && !m.assertion.negated && !m.assertion.hypothetical) || list.some((m) => STUDY_SECTIONS.has(m.section));
    if (!study) return false;
    const deniedFusion = list.some((m) => FINDING_TYPES.has(m.type) && m.assertion.negated && m.assertion.experiencer === "patient");
    if (!deniedFusion) return false;
    const sites = list.filter((m) => SITE_TYPES.has(m.type));
    const regionSite = (m: Mention) => (m.levels ? regionsOfLevels(m.levels).includes("occipito_atlanto_axial") : m.kind === "vague");
    // Its own site, if it names one, is the region (and is denied with it); no site: it answers the differential.
    return sites.length === 0 || sites.some((m) => regionSite(m) && m.assertion.negated);
  });
  return denied ? atRegion : [];
}

/**
 * "The fusion", "Ankylosis is due to RA": a finding with no site of its own belongs to the note's spine
 * fusion when there is one clear candidate (the region first, then a vague region, then other spine).
 */
function inferSites(findings: Finding[]): void {
  const sited = findings.filter((f) => f.site !== "none" && f.site !== "non_spine");
  if (!sited.length) return;
  const pick = sited.find((f) => f.site === "region") ?? sited.find((f) => f.site === "vague") ?? sited.find((f) => f.site === "cervical") ?? sited[0]!;
  for (const f of findings) {
    if (f.site !== "none") continue;
    f.site = pick.site;
    f.levels = pick.levels;
    f.regions = pick.regions;
    f.siteMentions = pick.siteMentions;
    f.siteInferred = true;
  }
}

/**
 * "Juvenile ankylosing spondylitis ... C1-C2 ankylosis caused by the spondylitis", "seronegative RA ... ankylosis
 * due to RA": a tie to the generic name stands for the specific disease the note affirms elsewhere
 * (lexicons/etiology.json specificCauses).
 */
function resolveGenericCauses(findings: Finding[], mentions: readonly Mention[]): void {
  const { specificCauses } = vocabulary();
  const named = new Set(mentions.filter((m) => m.type === "etiology" && m.cause && isPatientFact(m) && !m.assertion.uncertain).map((m) => m.cause!));
  for (const f of findings) {
    for (const link of f.causes) {
      const specific = link.tied ? specificCauses.get(link.cause)?.find((c) => named.has(c)) : undefined;
      if (specific) link.cause = specific;
    }
  }
}

/** The note leaves the origin open: every word that gave it is hedged ("congenital assimilation or acquired ankylosis: both possible"). */
export function originInDoubt(f: Finding): boolean {
  return f.originMentions.length > 0 && f.originMentions.every((m) => m.assertion.uncertain);
}

/**
 * A note that documents a surgical (or congenital) fusion of a region usually goes on to describe the same
 * fusion without repeating how it came about ("CT: solid fusion from occiput to C2"). Such findings take
 * that origin unless their own clause says otherwise (acquired wording or a tied disease cause), sets
 * them apart ("separate from the surgical level"), or names another joint (O-C1 beside a C1-C2 fusion). Origins in doubt
 * (originInDoubt) are not spread.
 */
function inferOrigins(findings: Finding[]): void {
  // Both at the region, both with levels, and neither set holds the other: another joint ("O-C1" beside a
  // "C1-C2" fusion). Below the region levels are too often borrowed from a neighbouring sentence to tell.
  const otherJoint = (f: Finding, source: Finding): boolean =>
    f.site === "region" &&
    source.site === "region" &&
    f.levels.length > 1 &&
    source.levels.length > 1 &&
    !f.levels.every((l) => source.levels.includes(l)) &&
    !source.levels.every((l) => f.levels.includes(l));
  for (const origin of ["klippel_feil", "congenital", "surgical"] as const) {
    for (const source of findings.filter((f) => f.origin === origin && !originInDoubt(f))) {
      for (const f of findings) {
        if (f.origin !== "unknown" || f === source) continue;
        const sameRegion =
          (f.site === "region" && source.site === "region") ||
          // "since her cervical fusion" after "s/p C5-6 anterior cervical fusion": the same operation.
          (f.site === "cervical" && (source.site === "cervical" || source.regions.includes("cervical"))) ||
          (f.site === "spine" && source.site !== "non_spine") ||
          (f.site === source.site && f.regions.join() === source.regions.join()) ||
          (f.siteInferred && f.siteMentions === source.siteMentions);
        if (!sameRegion || f.setApart || otherJoint(f, source)) continue;
        if (f.causes.some((c) => c.tied && !c.hedged)) continue;
        f.origin = origin;
        f.originMentions = source.originMentions;
      }
    }
  }
}

/**
 * "C1-C2 ankylosis on CT. It is due to her RA." / "Acquired (degenerative), no surgery." A sentence with no
 * fusion word of its own that opens by referring back (lexicons/links.json, kind anaphora) and states a
 * cause or acquired wording speaks about the finding(s) of the sentence just before it, in the same section.
 */
function attachFollowingSentences(text: string, sentences: readonly Sentence[], bySentence: Map<number, Mention[]>, findings: Finding[]): void {
  const bySent = new Map<number, Finding[]>();
  for (const f of findings) bySent.set(f.mention.sentence, [...(bySent.get(f.mention.sentence) ?? []), f]);
  for (const [si, list] of bySentence) {
    if (bySent.has(si)) continue;
    const sentence = sentences[si]!;
    // Opens by referring back ("It", "This", "The fusion") or by naming the cause ("Etiology: ...", "Due to ...").
    const opener = list.find((x) => x.type === "link" && (x.kind === "anaphora" || x.kind === "causal" || x.kind === "study") && /^[\s\-*•\d.)(]*$/.test(text.slice(sentence.start, x.start)));
    if (!opener) continue;
    let target: Finding[] | undefined;
    for (let back = 1; back <= 2 && !target; back++) {
      const prev = si - back;
      if (prev < 0 || sentences[prev]!.section !== sentence.section) break;
      target = bySent.get(prev);
    }
    if (!target) continue;
    const acquired = list.filter((x) => x.type === "etiology" && x.kind === "acquired" && !x.assertion.negated && x.assertion.experiencer === "patient");
    const causes = list.filter((x) => x.type === "etiology" && x.kind === "disease" && x.cause && !x.assertion.negated && !x.assertion.hypothetical && x.assertion.experiencer === "patient");
    for (const f of target) {
      if (acquired.length && f.origin === "unknown") {
        f.origin = "acquired";
        f.originMentions = acquired;
        f.acquired.push(...acquired);
      }
      for (const c of causes) {
        if (f.causes.some((k) => k.mention === c)) continue;
        const hedged = c.assertion.uncertain || list.some((x) => x.type === "link" && x.kind === "hedge" && x.end <= c.start);
        const linked = list.some((x) => x.type === "link" && x.kind === "causal" && x.end <= c.start) || acquired.some((a) => a.end <= c.start);
        f.causes.push({ mention: c, cause: c.cause!, tied: linked, hedged, indicationOnly: false });
      }
    }
  }
}
