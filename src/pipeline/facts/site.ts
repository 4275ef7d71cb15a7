/**
 * Facts pass: site. Where a fusion is: the site words of its clause (splitting a sentence with compromise only
 * when sites of different regions compete), a short header-like sentence before it, or, for a finding with no
 * site of its own, the note's one clear fusion site.
 */
import type { Region, Site } from "../../domain.js";
import type { Sentence, Span } from "../../types.js";
import { loadLexicon } from "../../lexicon/load.js";
import { clauseSpans, quickClauses } from "../clauses.js";
import { isPatientFact, type Mention } from "../mentions.js";
import { inSpan, SITE_TYPES, UNSPECIFIC_KINDS, type Finding } from "./model.js";
import type { TargetRegion } from "./target.js";

export const REGION_OF_JOINT = (lower: number): Region => {
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
export const REGION_OF_LEVEL = (level: number): Region | undefined => {
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

export const REGION_KIND: Record<string, Region | "vague" | "spine"> = {
  vague: "vague",
  spine: "spine",
  // "the entire spine", "multilevel spinal ankylosis": the spine, named with its extent (routing reads the kind).
  multi_region: "spine",
  cervicothoracic: "cervicothoracic",
  thoracic: "thoracic",
  thoracolumbar: "thoracolumbar",
  lumbar: "lumbar",
  lumbosacral: "lumbosacral",
  sacral: "sacral",
};

/** The clause of a sentence holding `m`, splitting with compromise only when sites of different regions compete. */
export function clauseOf(text: string, sentence: Sentence, sentMentions: readonly Mention[], m: Mention): Span {
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

export function siteOf(sites: readonly Mention[], target: TargetRegion): { site: Site; levels: number[]; regions: Region[] } {
  return target.region === "occipito_atlanto_axial" ? siteOfM4321(sites) : siteOfTarget(sites, target);
}

/**
 * The site for any other code of the family: "region" when levels or a named joint of the target region are
 * given, "vague" when only a word for the region is ("lumbar ankylosis"; for M43.20, a word that leaves the
 * region open: the cervical spine, the craniocervical junction), "other_spine" for any other spinal site.
 */
function siteOfTarget(sites: readonly Mention[], target: TargetRegion): { site: Site; levels: number[]; regions: Region[] } {
  const levels = [...new Set(sites.flatMap((s) => s.levels ?? []))].sort((a, b) => a - b);
  const regions = new Set<Region>(regionsOfLevels(levels));
  let named = false;
  let word = false;
  let otherWord = false;
  let spine = false;
  let nonSpine = false;
  for (const s of sites) {
    if (s.type === "body_site") nonSpine = true;
    else if (s.type !== "region") continue;
    else if (target.namedJoint(s)) named = true;
    else if (s.levels?.length) {
      const k = REGION_KIND[s.kind];
      if (k && k !== "vague" && k !== "spine") regions.add(k);
    } else if (REGION_KIND[s.kind] === "spine") spine = true; // "spine", and "the entire spine" (multi_region)
    else if (target.regionWords.has(s.kind)) word = true;
    else {
      const k = REGION_KIND[s.kind];
      if (k && k !== "vague" && k !== "spine") regions.add(k);
      else otherWord = true; // the craniocervical junction, the cervical spine: near another region
    }
  }
  if (named && target.region !== "unspecified") regions.add(target.region);
  const list = [...regions];
  // A word for the region counts only when no levels say where ("cervical fusion C5-C6": the levels decide).
  const site: Site =
    target.region !== "unspecified" && regions.has(target.region)
      ? "region"
      : word && levels.length === 0 && !list.length
        ? "vague"
        : broaderSite(list.length > 0 || otherWord || word, spine, nonSpine);
  return { site, levels, regions: list };
}

/** When no site of the region is given: another spinal site, the spine with no site, elsewhere, or nothing. */
function broaderSite(otherSpine: boolean, spine: boolean, nonSpine: boolean): Site {
  return otherSpine ? "other_spine" : spine ? "spine" : nonSpine ? "non_spine" : "none";
}

function siteOfM4321(sites: readonly Mention[]): { site: Site; levels: number[]; regions: Region[] } {
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
        : broaderSite(list.length > 0, spine, nonSpine);
  return { site, levels, regions: list };
}

/** Pick the site words for a finding: its clause, else a short header-like sentence before it. */
export function attachSites(clause: Span, sentMentions: readonly Mention[], prevSentenceMentions: readonly Mention[] | undefined, sentence: Sentence, text: string): Mention[] {
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

/** The last level with no disc below it: occiput-C1 and C1-C2 have none; the first disc is C2-C3 (levels.ts: 0 = occiput). */
export const LAST_DISCLESS_LEVEL = 2;

let discOperations: ReadonlySet<string> | undefined;

/** Whether the mention names an operation done through a disc (lexicons/fusion.json needsDisc: ACDF, interbody fusion). */
export function needsDisc(m: Mention): boolean {
  discOperations ??= new Set(loadLexicon("fusion.json").entries.filter((e) => e.needsDisc).map((e) => e.id));
  return discOperations.has(m.id);
}

/** Whether every level the site words name lies where there is no disc (occiput to C2). */
function disclessOnly(levels: readonly number[] | undefined): boolean {
  return levels !== undefined && levels.length > 0 && levels.every((l) => l <= LAST_DISCLESS_LEVEL);
}

/** Site words of the craniocervical junction ("upper cervical", "CVJ"): no disc there either. */
function disclessWord(x: Mention): boolean {
  return x.type === "region" && REGION_KIND[x.kind] === "vague";
}

/**
 * An operation through a disc cannot be at occiput-C1 or C1-C2: site words there in its clause speak of something
 * else ("lower cervical motion limited after the two-level ACDF, upper cervical (C1-C2) mobility preserved").
 */
export function discSites(m: Mention, sites: Mention[]): Mention[] {
  return needsDisc(m) ? sites.filter((x) => !disclessOnly(x.levels) && !disclessWord(x)) : sites;
}

/** How many sentences away a finding with levels may be for a finding sited only "spine" to take its site. */
export const GENERIC_SITE_REACH = 2;

/**
 * "The fusion", "Ankylosis is due to RA": a finding with no site of its own belongs to the note's spine
 * fusion when there is one clear candidate (the region first, then a vague region, then other spine).
 */
export function inferSites(findings: Finding[]): void {
  const sited = findings.filter((f) => f.site !== "none" && f.site !== "non_spine");
  if (!sited.length) return;
  // "The vertebral contours indicate an acquired degenerative fusion": a word for the spine in general, with no
  // level, speaks of the fusion the same section just described at its levels (within GENERIC_SITE_REACH sentences).
  for (const f of findings) {
    if (f.site !== "spine" || f.levels.length) continue;
    const near = sited
      .filter((o) => o !== f && o.levels.length > 0 && o.mention.section === f.mention.section && Math.abs(o.mention.sentence - f.mention.sentence) <= GENERIC_SITE_REACH)
      .sort((a, b) => Math.abs(a.mention.sentence - f.mention.sentence) - Math.abs(b.mention.sentence - f.mention.sentence))[0];
    if (!near) continue;
    f.site = near.site;
    f.levels = near.levels;
    f.regions = near.regions;
    f.siteMentions = near.siteMentions;
    f.siteInferred = true;
  }
  const pick = sited.find((f) => f.site === "region") ?? sited.find((f) => f.site === "vague") ?? sited.find((f) => f.site === "cervical") ?? sited[0]!;
  for (const f of findings) {
    if (f.site !== "none" || (needsDisc(f.mention) && (disclessOnly(pick.levels) || pick.siteMentions.every(disclessWord)))) continue;
    f.site = pick.site;
    f.levels = pick.levels;
    f.regions = pick.regions;
    f.siteMentions = pick.siteMentions;
    f.siteInferred = true;
  }
}
