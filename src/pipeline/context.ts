// TEMPORARY minimal assertion engine so the pipeline runs; the real ConText engine (issue 3) replaces
// this file when its branch lands.
import type { AssertedSpan, Cue, ContextCategory, SectionKind, Span } from "../types.js";
import { fold } from "./text.js";

export interface ContextTarget extends Span {
  type?: string;
}

const TRIGGERS: [RegExp, ContextCategory][] = [
  [/\b(no|not|denies|denied|without|negative for|no evidence of|free of|absence of|absent)\b/g, "negated"],
  [/\b(possible|possibly|probable|likely|suspected|suspicious for|questionable|may|cannot exclude|can't exclude)\b/g, "uncertain"],
  [/\b(rule out|r\/o|evaluate for|evaluation for|if|consider|considering|planned|scheduled|will undergo|candidate for)\b/g, "hypothetical"],
  [/\b(history of|h\/o|s\/p|status post|prior|previous|previously)\b/g, "historical"],
  [/\b(mother|father|sister|brother|son|daughter|family|aunt|uncle|grandmother|grandfather|cousin)\b/g, "experiencer"],
];
const TERMINATORS = /\b(but|however|although|though|which|aside from|except)\b/g;

export function assertTargets(text: string, sentence: Span, targets: readonly ContextTarget[], section: SectionKind | null): AssertedSpan[] {
  const f = fold(text.slice(sentence.start, sentence.end));
  const found: { cat: ContextCategory; start: number; end: number }[] = [];
  for (const [re, cat] of TRIGGERS) {
    re.lastIndex = 0;
    let m;
    while ((m = re.exec(f))) found.push({ cat, start: m.index + sentence.start, end: m.index + m[0].length + sentence.start });
  }
  const terms: number[] = [];
  TERMINATORS.lastIndex = 0;
  let t;
  while ((t = TERMINATORS.exec(f))) terms.push(t.index + sentence.start);
  return targets.map((target) => {
    const a: AssertedSpan = { negated: false, uncertain: false, hypothetical: false, historical: false, experiencer: "patient", cues: [] };
    for (const trig of found) {
      if (trig.end > target.start) continue;
      if (terms.some((x) => x > trig.end && x < target.start)) continue;
      if (target.start - trig.end > 80) continue;
      const cue: Cue = { category: trig.cat, start: trig.start, end: trig.end, text: text.slice(trig.start, trig.end), rule: `temp:${trig.cat}` };
      if (trig.cat === "experiencer") a.experiencer = "other";
      else a[trig.cat] = true;
      a.cues.push(cue);
    }
    if (section === "family_history" && a.experiencer === "patient") {
      a.experiencer = "other";
      a.cues.push({ category: "experiencer", start: target.start, end: target.start, text: "", rule: "section:family_history" });
    }
    return a;
  });
}
