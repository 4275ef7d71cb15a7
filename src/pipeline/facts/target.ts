/**
 * The checked code's region as data: which region of the M43.2- family a note is judged against, the words
 * that name it without its segments, the named joints the Index places in it, and the region's codes for the
 * routing rows that change by region (lexicons/regions.json). M43.21 is the region "occipito_atlanto_axial";
 * the facts passes and the rules read `facts.target` instead of assuming it.
 */
import type { CodeRegion, Region } from "../../domain.js";
import { codesLexicon, regionsLexicon } from "../../lexicon/index.js";
import type { Mention } from "../mentions.js";

export interface TargetRegion {
  /** The M43.2x code checked. */
  code: string;
  /** Its official title (lexicons/codes.json, checked against the tabular extract). */
  title: string;
  region: CodeRegion;
  /** The region as the messages name it ("lumbar", "sacral and sacrococcygeal"). */
  name: string;
  /** The segments a query offers for this region. */
  segments: string;
  /** The segments as a message names them ("occiput-C1, C1-C2 or both"). */
  fused: string;
  /** The segments as an imaging query names them ("occiput, C1 and C2"). */
  segmentNames: string;
  /** Where a study of the region looks ("craniocervical region", "lumbar spine"). */
  study: string;
  /** Region-mention kinds that name this region without its segments ("lumbar spine"): segments partial. */
  regionWords: ReadonlySet<string>;
  /** The region's code for ankylosing spondylitis (M45.-) and for DISH (M48.1-). */
  asCode: string;
  dishCode: string;
  /** Klippel-Feil syndrome (a cervical fusion syndrome) routes this code to Q76.1. */
  klippelFeil: boolean;
  /** A region word that names segments of this region (the sacroiliac joint, the sacrum, the coccyx). */
  namedJoint(m: Mention): boolean;
}

const cache = new Map<string, TargetRegion>();

function build(entry: ReturnType<typeof regionsLexicon>["regions"][number]): TargetRegion {
  const title = codesLexicon().codes.find((c) => c.code === entry.code)?.title;
  if (!title) throw new Error(`lexicons/codes.json: no entry for code ${entry.code}`);
  const joints = entry.namedJoints.map((j) => ({ entry: j.entry, terms: j.terms ? new Set(j.terms) : null }));
  return {
    code: entry.code,
    title,
    region: entry.region,
    name: entry.name,
    segments: entry.segments,
    fused: entry.fused,
    segmentNames: entry.segmentNames,
    study: entry.study,
    regionWords: new Set(entry.regionWords),
    asCode: entry.ankylosingSpondylitis,
    dishCode: entry.dish,
    klippelFeil: entry.klippelFeil,
    namedJoint: (m) =>
      m.type === "region" && joints.some((j) => j.entry === m.id && (j.terms === null || j.terms.has(m.text.toLowerCase().replace(/\s+/g, " ")))),
  };
}

/** Every code of the family, M43.20 first, then M43.21 ... M43.28. */
export function familyCodes(): string[] {
  return regionsLexicon()
    .regions.map((r) => r.code)
    .sort();
}

/** The target region of a code of M43.2-, or undefined for any other code. */
export function targetOf(code: string): TargetRegion | undefined {
  const hit = cache.get(code);
  if (hit) return hit;
  const entry = regionsLexicon().regions.find((r) => r.code === code);
  if (!entry) return undefined;
  const target = build(entry);
  cache.set(code, target);
  return target;
}

/** The target region of a region (the region of M43.21 ... M43.28). */
export function targetOfRegion(region: Region): TargetRegion {
  const entry = regionsLexicon().regions.find((r) => r.region === region);
  if (!entry) throw new Error(`lexicons/regions.json: no entry for region ${region}`);
  return targetOf(entry.code)!;
}

/** M43.21, the default code. */
export const DEFAULT_TARGET_CODE = "M43.21";
export const defaultTarget = (): TargetRegion => targetOf(DEFAULT_TARGET_CODE)!;
