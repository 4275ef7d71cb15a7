/** Small selectors over the note's facts, shared by the element and routing rules. */
import { codesLexicon } from "../lexicon/index.js";
import type { Finding, NoteFacts, Region } from "../pipeline/findings.js";
import type { Mention } from "../pipeline/mentions.js";
import type { Span } from "../types.js";

/** The patient's fusion findings at the region, near it, or of the spine with no site: what the elements judge. */
export function targets(facts: NoteFacts): Finding[] {
  return facts.findings.filter((f) => f.site === "region" || f.site === "vague" || f.site === "cervical" || f.site === "spine");
}

/** Targets that are not explained by surgery or congenital origin: the ones that point to M43.21. */
/** Disease-process targets at the region or a vague site near it: where the region codes (M45.1, M48.11) can apply. */
export function regionDiseaseTargets(facts: NoteFacts): Finding[] {
  return diseaseTargets(facts).filter((f) => f.site === "region" || f.site === "vague");
}

export function diseaseTargets(facts: NoteFacts): Finding[] {
  return targets(facts).filter((f) => f.kind !== "pseudarthrosis" && (f.origin === "acquired" || f.origin === "unknown"));
}

/** A finding whose own clause makes it a disease process: acquired wording or a firmly tied disease cause. */
export function explicitlyAcquired(f: Finding): boolean {
  return f.origin === "acquired" || (f.origin === "unknown" && f.causes.some((c) => c.tied && !c.hedged && c.cause !== "trauma"));
}

/**
 * A fusion that stands apart from an operation in the same note: acquired (above), or one the note itself
 * sets apart ("separate from the old surgical level, the atlanto-occipital joints are now ankylosed").
 */
export function separateFromSurgery(f: Finding): boolean {
  return explicitlyAcquired(f) || (f.setApart && f.origin === "unknown");
}

/** The region (or near it) fused, by the given origins. */
export function regionFindings(facts: NoteFacts, origins: readonly Finding["origin"][], opts: { vague?: boolean } = {}): Finding[] {
  return facts.findings.filter(
    (f) => (f.site === "region" || (opts.vague && f.site === "vague")) && origins.includes(f.origin) && f.kind !== "pseudarthrosis",
  );
}

export function quote(text: string, span: Span, max = 80): string {
  const s = text.slice(span.start, span.end).replace(/\s+/g, " ").trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

const REGION_CODES = new Map<string, string>();

export function regionCode(region: Region): string {
  if (!REGION_CODES.size) for (const c of codesLexicon().codes) if (c.region) REGION_CODES.set(c.region, c.code);
  const code = REGION_CODES.get(region);
  if (!code) throw new Error(`lexicons/codes.json: no M43.2x code for region ${region}`);
  return code;
}

export const REGION_NAMES: Record<Region, string> = {
  occipito_atlanto_axial: "occipito-atlanto-axial",
  cervical: "cervical",
  cervicothoracic: "cervicothoracic",
  thoracic: "thoracic",
  thoracolumbar: "thoracolumbar",
  lumbar: "lumbar",
  lumbosacral: "lumbosacral",
  sacral: "sacral and sacrococcygeal",
};

export function uniqueMentions(list: readonly Mention[]): Mention[] {
  const seen = new Set<number>();
  return list.filter((m) => (seen.has(m.index) ? false : (seen.add(m.index), true)));
}

/** The quoted words of some mentions for a message: each distinct wording once ('"C1-C2", "atlantoaxial joints"'). */
export function quoteList(text: string, mentions: readonly Span[], max = 4): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const m of mentions) {
    const q = quote(text, m);
    if (seen.has(q.toLowerCase())) continue;
    seen.add(q.toLowerCase());
    out.push(`"${q}"`);
  }
  return out.slice(0, max).join(", ");
}
