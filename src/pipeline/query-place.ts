/**
 * Where a query's clinical indicator is in the note, as people read it: the section's neutral name (or its
 * header as written when the section is not one cdicheck knows) and the date the note gives. Shared by the
 * queries stage and the reporters; it loads nothing but the closed lists.
 */
import { SECTION_NAMES, type SectionKind } from "../domain.js";

interface Placed {
  section: Exclude<SectionKind, "other"> | null;
  heading: string | null;
  date?: { text: string };
}

/** A header without the colon, commas or dashes after it ("HISTORY:," -> "HISTORY"); a loop, not a regex anchored at the end. */
function withoutTrailingPunctuation(s: string): string {
  let end = s.length;
  while (end > 0 && " \t\n\r:,;.-".includes(s[end - 1]!)) end--;
  return s.slice(0, end);
}

/** "Assessment, 03/12/2025", "Imaging", "" when the note gives neither. */
export function indicatorPlace(ind: Placed): string {
  const where = ind.section ? SECTION_NAMES[ind.section] : withoutTrailingPunctuation(ind.heading ?? "");
  return [where, ind.date?.text.replace(/\s+/g, " ")].filter((p): p is string => !!p).join(", ");
}
