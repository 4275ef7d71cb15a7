/**
 * Term patterns: "(loss|limited) of (neck )?rotation" expands to every literal it stands for.
 * Groups are "(a|b|c)", optionally followed by "?" (the group may be left out). Hyphenated words also
 * get their spaced and joined spellings ("non-surgical", "non surgical", "nonsurgical").
 */

type Part = { alts: string[]; optional: boolean };

function parse(pattern: string): Part[] {
  const parts: Part[] = [];
  let i = 0;
  let literal = "";
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === "(" && pattern.indexOf(")", i) > i) {
      if (literal) parts.push({ alts: [literal], optional: false });
      literal = "";
      const close = pattern.indexOf(")", i);
      const alts = pattern.slice(i + 1, close).split("|");
      const optional = pattern[close + 1] === "?";
      parts.push({ alts, optional });
      i = close + (optional ? 2 : 1);
    } else {
      literal += ch;
      i++;
    }
  }
  if (literal) parts.push({ alts: [literal], optional: false });
  return parts;
}

export function expandPattern(pattern: string): string[] {
  let out = [""];
  for (const part of parse(pattern)) {
    const alts = part.optional ? [...part.alts, ""] : part.alts;
    const next: string[] = [];
    for (const prefix of out) for (const alt of alts) next.push(prefix + alt);
    out = next;
  }
  return [...new Set(out.map((s) => s.replace(/\s+/g, " ").trim()).filter(Boolean))];
}

/** "atlanto-axial" -> ["atlanto-axial", "atlanto axial", "atlantoaxial"]. Only hyphens between letters. */
export function hyphenVariants(term: string): string[] {
  if (!/[a-z]-[a-z]/i.test(term)) return [term];
  return [...new Set([term, term.replace(/([a-z])-(?=[a-z])/gi, "$1 "), term.replace(/([a-z])-(?=[a-z])/gi, "$1")])];
}

export function expandTerm(term: string): string[] {
  return [...new Set(expandPattern(term).flatMap(hyphenVariants))];
}
