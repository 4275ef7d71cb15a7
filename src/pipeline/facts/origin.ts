/**
 * Facts pass: origin. Whether a fusion is surgical, congenital, Klippel-Feil or acquired: the cues of its
 * clause and its operation status (src/pipeline/status.ts), a nonunion that is a fracture's, and the origin a
 * note's surgical or congenital fusion lends to the same fusion named again.
 */
import { contextRule } from "../context.js";
import { isPatientFact, type Mention } from "../mentions.js";
import type { Finding } from "./model.js";
import type { TargetRegion } from "./target.js";

/** A historical trigger whose words by themselves mean an earlier operation ("s/p", "prior", "history of": lexicons/context.json `performed: surgery`). */
export function isPerformedCue(rule: string): boolean {
  const kind = contextRule(rule)?.performed;
  // "s/p", "prior", "history of" before the word "fusion", or a completion verb ("he has had a lumbar
  // fusion", "underwent fusion"): words that mean an operation was done.
  return kind === "surgery" || kind === "done";
}

/**
 * "type II odontoid fracture treated in a collar, now nonunion": a nonunion in a sentence that names a
 * fracture and no fusion or operation is the fracture's, not a failed fusion (GUIDELINES decision 11).
 */
export function fractureNonunion(m: Mention, sentence: readonly Mention[], previous: readonly Mention[], note?: NoteUnions): boolean {
  if (m.type !== "pseudarthrosis" || m.id !== "nonunion") return false;
  // "Findings: mobile odontoid fragment with fibrous union only" in the operative note of the C1-C2 arthrodesis done
  // for that fracture: the note names a fracture and no fusion done before this encounter, so the union is the fracture's.
  if (note && note.fracture && !note.priorFusion) return true;
  const fusion = sentence.some((x) => (x.type === "fusion" || x.type === "surgery") && isPatientFact(x));
  if (fusion) return false;
  // "... odontoid fracture, treated in a collar; now a nonunion": the fracture may be named in the clause before.
  return [...sentence, ...previous].some((x) => x.type === "etiology" && x.id === "fracture" && isPatientFact(x));
}

/** What the whole note says about unions: a fracture of the patient's, and a fusion done before this encounter. */
export interface NoteUnions {
  fracture: boolean;
  priorFusion: boolean;
}

/**
 * A fracture the patient has, and any fusion operation done before this note (performed, or listed in the surgical
 * history; not one performed in this encounter): an ambiguous "nonunion" or "fibrous union" is a failed fusion only
 * when there is a fusion to fail.
 */
export function noteUnions(mentions: readonly Mention[]): NoteUnions {
  let fracture = false;
  let priorFusion = false;
  for (const x of mentions) {
    if (x.type === "etiology" && x.id === "fracture" && isPatientFact(x)) fracture = true;
    if (x.type === "fusion" && x.procedure !== null && x.procedure.status === "performed" && isPatientFact(x)) priorFusion = true;
  }
  return { fracture, priorFusion };
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
export function inferOrigins(findings: Finding[], target: TargetRegion): void {
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
          // The same for another code: "her lumbar fusion" after "s/p L4-L5 posterolateral fusion".
          (f.site === "vague" && target.region !== "occipito_atlanto_axial" && source.site === "region") ||
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
