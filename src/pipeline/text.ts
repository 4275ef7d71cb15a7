/**
 * Stage 1: the note as received. The string is never changed; stages that need a normalised view
 * use `fold`, which keeps every index in place so offsets found in the folded copy slice the original.
 */

const FOLD_MAP: Record<string, string> = {
  "\u0130": "i", // İ lowercases to two units in V8
  "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u201c": '"', "\u201d": '"',
  "\r": "\n",
};
const FOLD_RE = /[\u0130\u2010-\u2015\u2212\ufe58\ufe63\uff0d\u2018\u2019\u201b\u201c\u201d\u2032\t\v\f\r\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]/g;

/** Every character FOLD_RE maps is one of these (a cheaper class to scan for). */
const NEEDS_MAPPING = /[\t\v\f\r\u00a0-\uffff]/;

function foldChar(ch: string): string {
  const mapped = FOLD_MAP[ch];
  if (mapped !== undefined) return mapped;
  const c = ch.charCodeAt(0);
  return (c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe58 || c === 0xfe63 || c === 0xff0d ? "-" : " ";
}

/**
 * Length-preserving case and punctuation fold, one UTF-16 unit in, one out: lowercase, Unicode dashes
 * to "-", curly quotes to straight, tabs and odd spaces to " ", CR to "\n". Offsets found in the folded
 * copy therefore slice the original note.
 */
export function fold(text: string): string {
  // Most notes are plain ASCII without tabs or CRs: nothing to map, and lowercasing keeps the length.
  if (!NEEDS_MAPPING.test(text)) return text.toLowerCase();
  const out = text.replace(FOLD_RE, foldChar).toLowerCase();
  if (out.length === text.length) return out;
  // Defensive: should a future Unicode version add another expanding lowercase, fold unit by unit.
  let safe = "";
  for (let i = 0; i < text.length; i++) {
    const low = text[i]!.replace(FOLD_RE, foldChar).toLowerCase();
    safe += low.length === 1 ? low : text[i]!;
  }
  return safe;
}

/** Spaces other than U+0020 that a note may carry (non-breaking, thin, ideographic, zero-width no-break). */
const ODD_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]/g;

/**
 * The note's layout as the section and sentence stages read it: the same string with every odd space made a
 * plain one (one unit for one, so offsets still slice the original). A non-breaking space after "Imaging:" or
 * after a full stop lays the note out exactly as a plain one does.
 */
export function layoutView(text: string): string {
  ODD_SPACES.lastIndex = 0;
  return ODD_SPACES.test(text) ? text.replace(ODD_SPACES, " ") : text;
}
