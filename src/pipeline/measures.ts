/**
 * Ranges of motion written in degrees: "cervical rotation 15° each side", "rotation R 55° / L 50°",
 * "rotation approximately 15 degrees to the right and 10 degrees to the left". A motion word followed
 * within a few tokens by values in degrees (or bare numbers with a side: "rotation 35 R / 30 L"), every
 * one under the lexicon's limit, is that motion's limitation (lexicons/limitations.json measuredMotion). A
 * word just before it that names another joint ("shoulder", "external") or a radiographic measure
 * ("atlantoaxial rotation 40°") leaves it alone.
 */
import type { CompiledMotion } from "../lexicon/index.js";
import type { Tokens } from "./tokens.js";

const NUMBER = /^\d{1,3}(?:\.\d+)?$/;
/** Tokens that end a sentence or clause: the measurement does not run past them. */
const CLAUSE_END = new Set([".", ";", "!", "?"]);

export interface MotionHit {
  motion: CompiledMotion;
  start: number;
  end: number;
}

export function measuredMotionHits(folded: string, toks: Tokens, motions: readonly CompiledMotion[]): MotionHit[] {
  if (!motions.length) return [];
  const out: MotionHit[] = [];
  const tokenAt = (i: number): string => folded.slice(toks.starts[i]!, toks.ends[i]!);
  for (let i = 0; i < toks.count; i++) {
    for (const m of motions) {
      if (!m.wordFilter.has(toks.hashes[i]!) || !m.words.has(tokenAt(i))) continue;
      let other = false;
      for (let k = Math.max(0, i - 3); k < i; k++) {
        const before = tokenAt(k);
        if (CLAUSE_END.has(before)) other = false;
        else if (m.notAfter.has(before)) other = true;
      }
      if (other) continue;
      const values: number[] = [];
      let end = -1;
      for (let j = i + 1; j < toks.count && j <= i + m.window; j++) {
        const tok = tokenAt(j);
        if (CLAUSE_END.has(tok) || m.stopAt.has(tok) || m.words.has(tok)) break;
        if (NUMBER.test(tok) && j + 1 < toks.count && (m.units.has(tokenAt(j + 1)) || m.sides.has(tokenAt(j + 1)))) {
          values.push(Number(tok));
          end = toks.ends[j + 1]!;
        }
      }
      if (values.length && Math.max(...values) < m.limitedBelowDegrees) out.push({ motion: m, start: toks.starts[i]!, end });
    }
  }
  return out;
}
