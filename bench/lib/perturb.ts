/**
 * Behavioural (metamorphic, CheckList-style) tests: small pure transforms of a note, each with the way the
 * checker's answer must (not) move.
 *   INV  the verdict and the set of `instead` codes must not change (line endings, wrapping, a flattened
 *        export, bullets, punctuation, spaces, unrelated text added, someone else's fusion, a future option);
 *   DIR  the answer must become a known one: the note's unrelated lines (its "frame": every line with no spine
 *        word) with one templated statement about the patient's fusion, affirmed (-> supported), negated
 *        (-> not_documented), a relative's (-> not_documented) or a stated prior arthrodesis (-> redirect Z98.1).
 *        Editing arbitrary notes' fusion phrases is not well defined; the frame keeps the note's own headers,
 *        lists, ROS and plan around a statement whose answer is known.
 * A transform returns null when it does not apply to a note. A pair is (note, transform).
 * `tests/behaviour.test.ts` runs every pair; `npm run eval -- --perturb` prints the table.
 * Pure functions; nothing here prints note text.
 */
import { check, EmptyNoteError } from "../../src/index.js";
import type { CheckResult, Verdict } from "../../src/schema.js";

export type Kind = "INV" | "DIR";

export interface Transform {
  name: string;
  kind: Kind;
  description: string;
  /** The transformed note, or null when the transform does not apply to this note. */
  apply: (text: string, id: string) => string | null;
  /** DIR only: the answer the transformed note must get. */
  target?: Outcome;
}

/** What the behavioural tests compare: the verdict and the set of `instead` codes. */
export interface Outcome {
  /** The verdict, or "empty" when a transform left no text to check. */
  verdict: Verdict | "empty";
  instead: string[];
}

export function outcomeOf(r: CheckResult): Outcome {
  return { verdict: r.verdict, instead: [...new Set(r.suggestions.filter((s) => s.relation === "instead").map((s) => s.code))].sort() };
}

export function formatOutcome(o: Outcome): string {
  return o.instead.length === 0 ? o.verdict : `${o.verdict} (instead ${o.instead.join(", ")})`;
}

export function sameOutcome(a: Outcome, b: Outcome): boolean {
  return a.verdict === b.verdict && a.instead.join(",") === b.instead.join(",");
}

// ---------------------------------------------------------------------------------------------------
// Helpers

/** A small deterministic choice among variants, so different notes get different texts. */
export function pick<T>(xs: readonly T[], key: string): T {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return xs[(h >>> 0) % xs.length]!;
}

const eolOf = (text: string): string => (text.includes("\r\n") ? "\r\n" : "\n");
const withEol = (s: string, eol: string): string => (eol === "\n" ? s : s.replace(/\n/g, eol));
const splitLines = (text: string): string[] => text.split(/\r\n|\n/);

/** Words that make a line about the spine, a fusion or its causes (frames drop such lines; add-on texts avoid them). */
export const SPINE_WORDS =
  /\b(?:[COTLS]\d{1,2}|fus\w*|ankyl\w*|arthrodes\w*|atlas|atlant\w*|axis|axial|odontoid|dens|spin\w*|cervical|c-spine|neck|vertebr\w*|spondyl\w*|occip\w*|cranio\w*|bridging|bony|osseous|block|klippel\w*|feil|dish|forestier|hyperostosis|myelopath\w*|radiculopath\w*|lumbar|thoracic|sacral|instrument\w*|screws?|rods?|graft\w*|construct|pseudarthrosis|nonunion|congenital|assimilation|surg\w*|postop\w*|s\/p|psh|kyph\w*|lordo\w*|disc|discs|facet\w*|rotation|rom)\b/i;
/** Case-sensitive abbreviations of spine diseases (AS, DISH, JIA...). */
const SPINE_ABBREV = /\b(?:AS|DISH|AAS|AAJ|OCF|ACDF|JIA|PsA|KFS|KF)\b/;

export const mentionsSpine = (s: string): boolean => SPINE_WORDS.test(s) || SPINE_ABBREV.test(s);

const HEADER_NAMES =
  /^(?:chief complaint|cc|history of present illness|hpi|history|interval history|past medical history|pmh|past surgical history|medications|meds|allergies|social history|family history|review of systems|ros|physical exam(?:ination)?|exam(?:ination)?|imaging|radiology|findings|impression|assessment(?: and plan| & plan)?|a\/p|plan|labs|procedure|indications?|technique|comparison|diagnos[ie]s|discharge diagnos[ie]s|hospital course|follow-?up|problem list|subjective|objective|clinical history|reason for (?:consult|visit|referral))$/i;

/** A header line: "Plan:" / "Plan: text" (returns the header and rest), or a colonless header line alone. */
export function headerOf(line: string): { header: string; rest: string } | null {
  const t = line.trim();
  const m = /^([A-Za-z][A-Za-z /&()'-]{0,38}?)\s*:\s*(.*)$/.exec(t);
  if (m && m[1]!.split(/\s+/).length <= 5) return { header: m[1]!, rest: m[2]! };
  if (t.length === 0 || t.length > 40 || /[.;,!?\d]$/.test(t)) return null;
  // a colonless header alone on its line: a known header name, optionally with a word or two ("Imaging today"), or capitals
  const words = t.split(/\s+/);
  const named = [1, 2, 3].some((k) => words.length <= k + 2 && HEADER_NAMES.test(words.slice(0, k).join(" ")));
  if (HEADER_NAMES.test(t) || named || /^[A-Z][A-Z &/]+[A-Z]$/.test(t)) return { header: t, rest: "" };
  return null;
}

/** Greedy wrap of one line at spaces into pieces of at most `width` characters (long words stay whole). */
export function wrapLine(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    let cut = rest.lastIndexOf(" ", width);
    if (cut <= 0) cut = rest.indexOf(" ", width);
    if (cut <= 0) break;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut + 1);
  }
  out.push(rest);
  return out;
}

/** The note's lines with no spine word (null when none with three or more words is left). */
export function frameOf(text: string): string | null {
  const eol = eolOf(text);
  const kept = splitLines(text).filter((l) => !mentionsSpine(l));
  if (!kept.some((l) => l.trim().split(/\s+/).length >= 3)) return null;
  return kept.join(eol).replace(/\s+$/, "");
}

const changed = (text: string, out: string): string | null => (out === text ? null : out);

const addAround = (where: "prepend" | "append", texts: readonly string[], name: string) => (text: string, id: string): string => {
  const eol = eolOf(text);
  const add = withEol(pick(texts, id + name), eol);
  return where === "prepend" ? add + eol + eol + text : text.replace(/\s+$/, "") + eol + eol + add + eol;
};

// ---------------------------------------------------------------------------------------------------
// Texts added by the INV transforms. None names the spine (a test checks), except where the transform is
// about someone else's fusion, a future option or neck exercises.

export const MEDICATION_LISTS = [
  "Medications:\n- lisinopril 10 mg daily\n- atorvastatin 40 mg nightly\n- metformin 500 mg twice daily\n- aspirin 81 mg daily",
  "Current medications: levothyroxine 75 mcg daily; omeprazole 20 mg daily; sertraline 50 mg daily; vitamin D3 2000 units daily.",
  "MEDICATIONS\namlodipine 5 mg PO daily\nhydrochlorothiazide 12.5 mg PO daily\nacetaminophen 650 mg PO q6h PRN pain\nmelatonin 3 mg PO at bedtime",
  "Home meds: apixaban 5 mg BID, metoprolol succinate 25 mg daily, furosemide 20 mg daily, potassium chloride 10 mEq daily. No known drug allergies.",
] as const;

export const ROS_TEXTS = [
  "Review of systems:\nConstitutional: no fever, chills or weight loss.\nEyes: no visual changes.\nCardiovascular: no chest pain or palpitations.\nRespiratory: no cough or shortness of breath.\nGI: no nausea, vomiting or diarrhea.\nGU: no dysuria.\nSkin: no rash.",
  "ROS: Denies fever, night sweats, chest pain, dyspnea, abdominal pain, dysuria and rash. All other systems reviewed and negative.",
  "REVIEW OF SYSTEMS: CONSTITUTIONAL: NEGATIVE. HEENT: NEGATIVE. CARDIAC: NEGATIVE. PULMONARY: NEGATIVE. GI: NEGATIVE. PSYCH: NEGATIVE.",
  "ROS\nGeneral: fatigue, no fevers.\nHeart: denies chest pain.\nLungs: mild exertional dyspnea, no wheeze.\nGI: occasional heartburn.\nNeuro: no headache, no dizziness.",
] as const;

export const LAB_TABLES = [
  "Labs (03/01):\nWBC 7.2 | Hgb 13.1 | Plt 245\nNa 139 | K 4.1 | Cr 0.82 | Glu 104\nESR 18 | CRP 3.2",
  "LABS\tResult\tRange\nHemoglobin A1c\t6.1 %\t4.0-5.6\nTSH\t2.3\t0.4-4.0\nVitamin B12\t410\t200-900\nFerritin\t88\t30-400",
  "Basic metabolic panel today: sodium 141, potassium 3.9, chloride 103, bicarbonate 25, BUN 14, creatinine 0.9, glucose 97.",
  "Lab results:\nLipid panel: total cholesterol 182, LDL 101, HDL 48, triglycerides 150.\nUrinalysis: negative for protein and blood.",
] as const;

export const SIGNATURES = [
  "Electronically signed by: Maria Lopez, MD\nDate/Time: 03/04/2026 14:22",
  "--\nJ. Patel, PA-C\nInternal Medicine\nPager 4471",
  "Dictated but not read. Signed: R. Okafor, DO, 11/02/2026.",
  "Attestation: I saw and examined the patient with the resident and agree with the findings and plan as documented above. \u2014 Dr. S. Nguyen",
] as const;

export const DISCLAIMERS = [
  "This note was prepared with voice recognition software. Despite review, transcription errors may occur; please contact the author with questions.",
  "Portions of this document were created with Dragon dictation. Sound-alike and other errors may be present.",
  "*** Dictated using speech recognition software; unintentional word substitutions are possible. ***",
  "Disclaimer: this record was generated in part by a speech-to-text system and may contain errors of transcription that were not detected at the time of signing.",
] as const;

export const FAMILY_FUSIONS = [
  "Family history: mother with C1-C2 fusion.",
  "FAMILY HISTORY: Father had an atlantoaxial fusion after a car accident. Sister with rheumatoid arthritis.",
  "Family hx: maternal aunt with occipitocervical fusion surgery in her 60s.",
] as const;

export const FUTURE_OPTIONS = [
  "Plan: if symptoms progress, surgical options would be discussed.",
  "Should neurologic symptoms develop, we would consider referral to spine surgery to discuss a posterior C1-C2 fusion.",
  "Plan: return precautions reviewed; if pain worsens despite therapy, will discuss surgical options, including fusion, at the next visit.",
] as const;

export const EDUCATION = [
  "Patient education: reviewed gentle neck range-of-motion and isometric strengthening exercises; handout given. Patient verbalized understanding.",
  "Education: discussed posture at the computer, heat before stretching, and a home program of chin tucks and shoulder rolls for the neck.",
  "Counseled on neck exercises to maintain mobility; avoid sudden forceful movements; advised to stop any exercise that causes numbness or weakness.",
] as const;

export const OTHER_PERSON = [
  "Her husband, who accompanied her today, had a lumbar L4-L5 fusion last year and is doing well.",
  "The patient's daughter, present at the visit, is recovering from a T10-L2 fusion performed in March.",
  "Incidentally, the patient's roommate at the facility underwent an L5-S1 fusion last month.",
] as const;

/** The unrelated texts that must not name the spine (family, future, education and other-person texts do). */
export const UNRELATED_TEXTS: readonly string[] = [...MEDICATION_LISTS, ...ROS_TEXTS, ...LAB_TABLES, ...SIGNATURES, ...DISCLAIMERS];

// ---------------------------------------------------------------------------------------------------
// Templated statements for the DIR transforms: one fusion, four framings.

interface Statement {
  affirmed: string;
  negated: string;
  relative: string;
  surgical: string;
}

export const STATEMENTS: readonly Statement[] = [
  {
    affirmed: "Assessment: acquired C1-C2 ankylosis secondary to rheumatoid arthritis; CT cervical spine shows solid bony bridging across both C1-C2 lateral mass joints.",
    negated: "Assessment: no evidence of C1-C2 ankylosis; CT cervical spine shows no bony bridging across the C1-C2 lateral mass joints.",
    relative: "Family history: mother with acquired C1-C2 ankylosis secondary to rheumatoid arthritis.",
    surgical: "PSH: s/p C1-C2 arthrodesis in 2015.",
  },
  {
    affirmed: "Impression: atlantoaxial fusion due to long-standing rheumatoid arthritis, confirmed on CT of the cervical spine with bony bridging across C1-C2.",
    negated: "Impression: CT of the cervical spine is negative for atlantoaxial fusion.",
    relative: "Family history: her father had an atlantoaxial fusion due to long-standing rheumatoid arthritis.",
    surgical: "Impression: s/p posterior C1-C2 arthrodesis in 2015; CT of the cervical spine shows solid fusion across the construct.",
  },
  {
    affirmed: "Assessment: C1-C2 ankylosis secondary to degenerative arthritis; CT cervical spine demonstrates osseous fusion of the atlantoaxial joints.",
    negated: "Assessment: C1-C2 ankylosis was excluded; CT cervical spine shows normal atlantoaxial joints without fusion.",
    relative: "FHx: brother with C1-C2 ankylosis secondary to degenerative arthritis.",
    surgical: "Assessment: status post C1-C2 arthrodesis in 2015 for atlantoaxial instability, solid on CT cervical spine.",
  },
];

const framed = (which: keyof Statement) => (text: string, id: string): string | null => {
  const frame = frameOf(text);
  if (frame === null) return null;
  const eol = eolOf(text);
  return frame + eol + pick(STATEMENTS, id)[which] + eol;
};

// ---------------------------------------------------------------------------------------------------
// The transforms

const UNICODE_DASHES = /[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g;

export const TRANSFORMS: readonly Transform[] = [
  {
    name: "crlf",
    kind: "INV",
    description: "LF line endings to CRLF",
    apply: (t) => (t.includes("\n") && !t.includes("\r\n") ? t.replace(/\n/g, "\r\n") : null),
  },
  {
    name: "lf",
    kind: "INV",
    description: "CRLF line endings to LF",
    apply: (t) => (t.includes("\r\n") ? t.replace(/\r\n/g, "\n") : null),
  },
  {
    name: "wrap70",
    kind: "INV",
    description: "hard-wrap lines longer than 70 columns at spaces",
    apply: (t) => changed(t, splitLines(t).flatMap((l) => wrapLine(l, 70)).join(eolOf(t))),
  },
  {
    name: "flatten",
    kind: "INV",
    description: "one-line export: newlines to spaces, blank lines dropped, section headers kept as 'HEADER:'",
    apply: (t) => {
      const lines = splitLines(t).map((l) => l.trim()).filter((l) => l.length > 0);
      if (lines.length < 2) return null;
      return lines.map((l) => {
        const h = headerOf(l);
        return h && h.rest === "" && !l.endsWith(":") ? `${l}:` : l;
      }).join(" ");
    },
  },
  {
    name: "bullets",
    kind: "INV",
    description: "a bullet ('- ', '* ' or '\u2022 ') before every line that is not a header, blank or already a list item",
    apply: (t, id) => {
      const bullet = pick(["- ", "* ", "\u2022 "], id);
      const out = splitLines(t).map((l) => (l.trim() === "" || headerOf(l) || /^\s*(?:[-*\u2022]|\d+[.)])\s/.test(l) ? l : bullet + l));
      return changed(t, out.join(eolOf(t)));
    },
  },
  {
    name: "unicode-to-ascii",
    kind: "INV",
    description: "Unicode dashes and curly quotes to ASCII",
    apply: (t) => changed(t, t.replace(UNICODE_DASHES, "-").replace(/[\u2018\u2019\u201a]/g, "'").replace(/[\u201c\u201d\u201e]/g, '"')),
  },
  {
    name: "ascii-to-unicode",
    kind: "INV",
    description: "ASCII to Unicode: en dash in level ranges, em dash for a spaced hyphen, curly apostrophes and quotes",
    apply: (t) =>
      changed(
        t,
        t
          .replace(/\b([COTLS]\d{1,2})-((?:[COTLS])?\d{1,2})\b/g, "$1\u2013$2")
          .replace(/ - /g, " \u2014 ")
          .replace(/(\w)'(\w)/g, "$1\u2019$2")
          .replace(/"([^"\r\n]*)"/g, "\u201c$1\u201d"),
      ),
  },
  {
    name: "nbsp",
    kind: "INV",
    description: "non-breaking spaces for the space after a colon and every third space",
    apply: (t) => {
      let n = 0;
      return changed(t, t.replace(/(:?) /g, (m, colon: string) => (colon || ++n % 3 === 0 ? `${colon}\u00a0` : m)));
    },
  },
  {
    name: "tabs",
    kind: "INV",
    description: "tabs for the space after a colon and every fourth space",
    apply: (t) => {
      let n = 0;
      return changed(t, t.replace(/(:?) /g, (m, colon: string) => (colon || ++n % 4 === 0 ? `${colon}\t` : m)));
    },
  },
  ...(["prepend", "append"] as const).flatMap((where): Transform[] => [
    { name: `${where}-meds`, kind: "INV", description: `${where} an unrelated medication list`, apply: addAround(where, MEDICATION_LISTS, "meds") },
    { name: `${where}-ros`, kind: "INV", description: `${where} an unrelated review of systems (with denials)`, apply: addAround(where, ROS_TEXTS, "ros") },
    { name: `${where}-labs`, kind: "INV", description: `${where} an unrelated labs table`, apply: addAround(where, LAB_TABLES, "labs") },
    { name: `${where}-signature`, kind: "INV", description: `${where} a signature block`, apply: addAround(where, SIGNATURES, "sig") },
    { name: `${where}-disclaimer`, kind: "INV", description: `${where} a voice-recognition disclaimer`, apply: addAround(where, DISCLAIMERS, "vr") },
  ]),
  {
    name: "family-fusion",
    kind: "INV",
    description: "append a relative's fusion in a family history section",
    apply: addAround("append", FAMILY_FUSIONS, "fhx"),
  },
  {
    name: "future-option",
    kind: "INV",
    description: "append a conditional future surgical option",
    apply: addAround("append", FUTURE_OPTIONS, "future"),
  },
  {
    name: "neck-education",
    kind: "INV",
    description: "append patient education about neck exercises",
    apply: addAround("append", EDUCATION, "edu"),
  },
  {
    name: "other-person-fusion",
    kind: "INV",
    description: "append a sentence about someone else's fusion at another spinal region",
    apply: addAround("append", OTHER_PERSON, "other"),
  },
  {
    name: "dir-affirmed",
    kind: "DIR",
    description: "the note's frame (lines with no spine word) + an affirmed, caused, imaged C1-C2 fusion -> supported (the control)",
    apply: framed("affirmed"),
    target: { verdict: "supported", instead: [] },
  },
  {
    name: "dir-negated",
    kind: "DIR",
    description: "the note's frame + the same fusion negated -> not_documented",
    apply: framed("negated"),
    target: { verdict: "not_documented", instead: [] },
  },
  {
    name: "dir-relative",
    kind: "DIR",
    description: "the note's frame + the same fusion as a relative's -> not_documented",
    apply: framed("relative"),
    target: { verdict: "not_documented", instead: [] },
  },
  {
    name: "dir-arthrodesis",
    kind: "DIR",
    description: "the note's frame + a stated prior C1-C2 arthrodesis -> redirect, Z98.1 instead",
    apply: framed("surgical"),
    target: { verdict: "redirect", instead: ["Z98.1"] },
  },
];

// ---------------------------------------------------------------------------------------------------
// Running pairs

export interface BehaviourNote {
  set: string;
  id: string;
  text: string;
}

export interface Pair {
  set: string;
  id: string;
  transform: string;
  kind: Kind;
  passed: boolean;
  expected: string;
  got: string;
}

/** The expected outcome of a transformed note: the original's (INV) or the transform's target (DIR). */
export function expectedOutcome(t: Transform, original: Outcome): Outcome {
  return t.kind === "DIR" ? t.target! : original;
}

/** The outcome of a transformed note; a transform that left no text is an outcome of its own ("empty"). */
function outcomeOrEmpty(text: string, id: string): Outcome {
  try {
    return outcomeOf(check(text, { id }));
  } catch (err) {
    if (err instanceof EmptyNoteError) return { verdict: "empty", instead: [] };
    throw err;
  }
}

/** Runs every transform that applies on every note; one Pair per (note, transform) that applies. */
export function runBehaviour(notes: readonly BehaviourNote[], transforms: readonly Transform[] = TRANSFORMS): Pair[] {
  const pairs: Pair[] = [];
  for (const n of notes) {
    const original = outcomeOf(check(n.text, { id: n.id }));
    for (const t of transforms) {
      const text = t.apply(n.text, n.id);
      if (text === null) continue;
      const want = expectedOutcome(t, original);
      const got = outcomeOrEmpty(text, n.id);
      pairs.push({ set: n.set, id: n.id, transform: t.name, kind: t.kind, passed: sameOutcome(want, got), expected: formatOutcome(want), got: formatOutcome(got) });
    }
  }
  return pairs;
}

export interface TransformSummary {
  name: string;
  kind: Kind;
  applied: number;
  passed: number;
  rate: number;
}

export function summarise(pairs: readonly Pair[], transforms: readonly Transform[] = TRANSFORMS): TransformSummary[] {
  return transforms.map((t) => {
    const mine = pairs.filter((p) => p.transform === t.name);
    const passed = mine.filter((p) => p.passed).length;
    return { name: t.name, kind: t.kind, applied: mine.length, passed, rate: mine.length === 0 ? 1 : passed / mine.length };
  });
}
