/**
 * Stage 4b: focus. Most of a note says nothing about a spine fusion; the costly work (cue words,
 * assertions of context-only words, clause parsing) is spent only on the sentences around a fusion
 * finding: the sentence that holds it, the one before (a site or study named just before) and the two
 * after (a cause stated next: "It is due to her RA.").
 */
import type { Sentence, Span } from "../types.js";
import type { Hit } from "./scan.js";
import { sentenceAt } from "./sentences.js";

/** Hits that anchor a fusion finding. */
const ANCHOR_TYPES = new Set(["fusion", "pseudarthrosis", "congenital"]);

/** Words that matter only near a finding (elsewhere they would be noise in the mentions). */
export function isContextOnly(h: Hit): boolean {
  return h.type === "surgery" || h.type === "body_site" || (h.type === "region" && h.kind !== "vague" && h.kind !== "cervicothoracic");
}

export interface Focus {
  /** Sentence indexes near a finding, ascending. */
  sentences: number[];
  spans: Span[];
}

export function focus(sentences: readonly Sentence[], hits: readonly Hit[]): Focus {
  const near = new Set<number>();
  // An operation named with spine levels ("no prior C1-C2 instrumentation") anchors its sentence too.
  const levelSentences = new Set<number>();
  for (const h of hits) if (h.type === "segment") levelSentences.add(sentenceAt(sentences, h.start));
  for (const h of hits) {
    if (!ANCHOR_TYPES.has(h.type) && h.type !== "surgery") continue;
    const si = sentenceAt(sentences, h.start);
    if (si < 0) continue;
    if (h.type === "surgery" && !levelSentences.has(si)) {
      near.add(si);
      continue;
    }
    for (let k = si - 1; k <= si + 2; k++) if (k >= 0 && k < sentences.length) near.add(k);
  }
  const list = [...near].sort((a, b) => a - b);
  return { sentences: list, spans: list.map((i) => sentences[i]!) };
}

/** Drops context-only hits outside the focus. */
export function keepInFocus(hits: readonly Hit[], sentences: readonly Sentence[], f: Focus): Hit[] {
  const near = new Set(f.sentences);
  return hits.filter((h) => !isContextOnly(h) || near.has(sentenceAt(sentences, h.start)));
}
