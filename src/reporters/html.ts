/**
 * The html reporter: pure functions from (note, result) to HTML. `renderHtml` writes one self-contained
 * page (`check --format html`); `serve` ships the same render functions to the browser (see
 * RENDER_FUNCTIONS), so the page at `/` and the file show a note the same way.
 *
 * Everything taken from the note or the result is HTML-escaped. Offsets are UTF-16 [start, end) into
 * the note exactly as checked; spans that fall outside it are skipped, never trusted.
 *
 * The functions in RENDER_FUNCTIONS are shipped to the browser with Function.prototype.toString(), so
 * each must be self-contained: it may call the others in the list, and nothing else from this module.
 */
import type { CheckResult } from "../schema.js";

/** Escapes the five characters that matter in HTML text and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;",
  );
}

/** CSS class for a mention type; types the page does not know get the default style. */
export function mentionTypeClass(type: string): string {
  const known = [
    "segment",
    "region",
    "fusion",
    "surgery",
    "congenital",
    "etiology",
    "imaging",
    "imaging_finding",
    "limitation",
    "pseudarthrosis",
  ];
  return known.includes(type) ? "t-" + type : "t-other";
}

/** How a mention is asserted, as CSS classes and as words for people ("affirmed" when nothing applies). */
export function assertionOf(a: CheckResult["mentions"][number]["assertion"]): { classes: string[]; words: string[] } {
  const classes: string[] = [];
  const words: string[] = [];
  if (a.negated) {
    classes.push("a-negated");
    words.push("negated");
  }
  if (a.hypothetical) {
    classes.push("a-hypothetical");
    words.push("hypothetical");
  }
  if (a.uncertain) {
    classes.push("a-uncertain");
    words.push("uncertain");
  }
  if (a.experiencer === "other") {
    classes.push("a-other");
    words.push("someone else's");
  }
  if (a.historical) {
    classes.push("a-historical");
    words.push("historical");
  }
  if (words.length === 0) words.push("affirmed");
  return { classes, words };
}

/** The cues that decided a mention's assertion, e.g. `negated by "no evidence of" (neg.no_evidence_of)`. */
export function describeCues(m: CheckResult["mentions"][number]): string {
  return (m.cues || [])
    .map((c) => c.category + ' by "' + c.text + '"' + (c.rule ? " (" + c.rule + ")" : ""))
    .join("; ");
}

/** The hover text of one mention: what it is, how it is asserted, and the cue that decided it. */
export function mentionTitle(m: CheckResult["mentions"][number]): string {
  const cues = describeCues(m);
  return (
    m.label +
    " [" +
    m.type +
    "]: " +
    assertionOf(m.assertion).words.join(", ") +
    (cues ? "; " + cues : "") +
    (m.section ? "; section " + m.section : "")
  );
}

/** What a cue does to the mentions it governs, in a word or two ("negates", "hedges", "planned"). */
export function cueWord(category: string): string {
  const words: Record<string, string> = {
    negated: "negates",
    uncertain: "hedges",
    hypothetical: "hypothetical",
    historical: "past",
    experiencer: "someone else's",
    performed: "performed",
    performed_here: "done here",
    planned: "planned",
    proposed: "proposed",
    discussed: "discussed",
    consented: "consented",
    declined: "declined",
    conditional: "conditional",
    other: "someone else's",
  };
  return words[category] || category.replace(/_/g, " ");
}

/**
 * The cue words of a result and what each governs: every ConText cue (`mentions[].cues`) and every word
 * that decided an operation's status (`mentions[].procedure.cue`), one entry per span, in note order,
 * with the categories it carries and the mentions (indexes into result.mentions) it governs.
 */
export function cueLinks(result: CheckResult): { start: number; end: number; text: string; categories: string[]; mentions: number[] }[] {
  type Link = { start: number; end: number; text: string; categories: string[]; mentions: number[] };
  const byKey: Record<string, Link> = {};
  const list: Link[] = [];
  const add = (c: { start: number; end: number; text: string }, category: string, i: number) => {
    const key = c.start + ":" + c.end;
    let link = byKey[key];
    if (!link) {
      link = { start: c.start, end: c.end, text: c.text, categories: [], mentions: [] };
      byKey[key] = link;
      list.push(link);
    }
    if (link.categories.indexOf(category) < 0) link.categories.push(category);
    if (link.mentions.indexOf(i) < 0) link.mentions.push(i);
  };
  (result.mentions || []).forEach((m, i) => {
    (m.cues || []).forEach((c) => add(c, c.category, i));
    if (m.procedure && m.procedure.cue) add(m.procedure.cue, m.procedure.status, i);
  });
  return list.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * The note as HTML with every mention, evidence span and cue word highlighted. Overlapping spans are cut
 * into pieces at every boundary; each piece lists the mentions (`data-m`, indexes into result.mentions),
 * evidence (`data-ev`, "<element id>:<n>" or "s<suggestion index>:<n>") and cue words (`data-cue`,
 * indexes into cueLinks(result)) covering it and takes its style from the shortest mention covering it.
 * An empty anchor (`id="m-<i>"`, `id="ev-<key>-<n>"`, `id="cue-<k>"`) marks where each span starts, for
 * links and scrolling. After each cue word an empty `cue-tag` says what it does and to which mentions
 * (numbered from 1, as in the mentions table), and each mention a cue governs starts with an empty
 * `gov-tag` carrying its number: the labels are drawn by CSS, so the note's text is unchanged.
 */
export function highlight(text: string, result: CheckResult): string {
  const len = text.length;
  type Piece = { start: number; end: number; m: number; ev: string; cue: number; anchor: string };
  const spans: Piece[] = [];
  const ok = (s: { start: number; end: number }) =>
    Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.end <= len && s.start < s.end;
  const cues = cueLinks(result);
  const governed: Record<number, boolean> = {};
  cues.forEach((c, k) => {
    if (!ok(c)) return;
    spans.push({ start: c.start, end: c.end, m: -1, ev: "", cue: k, anchor: "cue-" + k });
    c.mentions.forEach((i) => (governed[i] = true));
  });
  (result.mentions || []).forEach((m, i) => {
    if (ok(m)) spans.push({ start: m.start, end: m.end, m: i, ev: "", cue: -1, anchor: "m-" + i });
  });
  (result.elements || []).forEach((el) => {
    (el.evidence || []).forEach((e, j) => {
      if (ok(e)) spans.push({ start: e.start, end: e.end, m: -1, ev: el.id + ":" + j, cue: -1, anchor: "ev-" + el.id + "-" + j });
    });
  });
  (result.suggestions || []).forEach((sg, i) => {
    (sg.evidence || []).forEach((e, j) => {
      if (ok(e)) spans.push({ start: e.start, end: e.end, m: -1, ev: "s" + i + ":" + j, cue: -1, anchor: "ev-s" + i + "-" + j });
    });
  });
  const cuts = new Set<number>([0, len]);
  for (const s of spans) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = Array.from(cuts).sort((a, b) => a - b);
  const byStart = spans.slice().sort((a, b) => a.start - b.start || b.end - a.end);
  const cueEnds = spans.filter((s) => s.cue >= 0).sort((a, b) => a.end - b.end || a.start - b.start);
  const cueTag = (k: number) => {
    const c = cues[k]!;
    return (
      '<span class="cue-tag" data-cue-tag="' +
      k +
      '" data-governs="' +
      c.mentions.join(" ") +
      '" data-label="' +
      escapeHtml(c.categories.map(cueWord).join(", ") + " \u2192 " + c.mentions.map((i) => "#" + (i + 1)).join(" ")) +
      '" aria-hidden="true"></span>'
    );
  };
  let active: Piece[] = [];
  let next = 0;
  let nextEnd = 0;
  let out = "";
  for (let p = 0; p < points.length; p++) {
    const a = points[p]!;
    while (nextEnd < cueEnds.length && cueEnds[nextEnd]!.end <= a) out += cueTag(cueEnds[nextEnd++]!.cue);
    if (p + 1 === points.length) break;
    const b = points[p + 1]!;
    active = active.filter((s) => s.end > a);
    while (next < byStart.length && byStart[next]!.start <= a) {
      const s = byStart[next++]!;
      if (s.end > a) active.push(s);
    }
    for (const s of active) {
      if (s.start !== a) continue;
      out += '<span class="anchor" id="' + s.anchor + '"></span>';
      if (s.m >= 0 && governed[s.m]) out += '<span class="gov-tag" data-label="#' + (s.m + 1) + '" aria-hidden="true"></span>';
    }
    const piece = escapeHtml(text.slice(a, b));
    if (active.length === 0) {
      out += piece;
      continue;
    }
    const ms = active.filter((s) => s.m >= 0);
    const evs = active.filter((s) => s.ev !== "");
    const cs = active.filter((s) => s.cue >= 0);
    const classes = ["hl"];
    const titles: string[] = [];
    if (ms.length) {
      let inner = ms[0]!;
      for (const s of ms) if (s.end - s.start <= inner.end - inner.start) inner = s;
      const m = result.mentions[inner.m]!;
      classes.push("m", mentionTypeClass(m.type));
      for (const c of assertionOf(m.assertion).classes) classes.push(c);
      for (const s of ms) titles.push("#" + (s.m + 1) + " " + mentionTitle(result.mentions[s.m]!));
    }
    if (evs.length) {
      classes.push("ev");
      titles.push("evidence: " + evs.map((s) => s.ev.split(":")[0]).join(", "));
    }
    if (cs.length) {
      classes.push("cue");
      for (const s of cs) {
        const c = cues[s.cue]!;
        titles.push(
          "cue: " +
            c.categories.map(cueWord).join(", ") +
            " \u2192 " +
            c.mentions.map((i) => "#" + (i + 1) + ' "' + result.mentions[i]!.text + '"').join(", "),
        );
      }
    }
    out +=
      '<span class="' +
      classes.join(" ") +
      '"' +
      (ms.length ? ' data-m="' + ms.map((s) => s.m).join(" ") + '"' : "") +
      (evs.length ? ' data-ev="' + escapeHtml(evs.map((s) => s.ev).join(" ")) + '"' : "") +
      (cs.length ? ' data-cue="' + cs.map((s) => s.cue).join(" ") + '"' : "") +
      ' title="' +
      escapeHtml(titles.join("\n")) +
      '">' +
      piece +
      "</span>";
  }
  return out;
}

/** Words for people: "not_documented" -> "Not documented", "underlying_condition" -> "Underlying condition". */
export function humanize(id: string): string {
  const s = id.replace(/_/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The verdict in its own terms: a redirect names the code the note documents instead. */
export function verdictHeadline(result: CheckResult): string {
  if (result.verdict === "redirect") {
    const instead = (result.suggestions || []).find((s) => s.relation === "instead");
    return "Documents " + (instead ? instead.code : "another code") + " instead";
  }
  if (result.verdict === "not_documented") return "No fusion of this region documented";
  return humanize(result.verdict);
}

/**
 * How the score is made, for people: each element's points (a partial element earns half) and their
 * total before the verdict bounds it. The weights are src/pipeline/score.ts's ELEMENT_WEIGHTS (a test
 * keeps the two equal; this function is shipped to the browser, so it cannot import them).
 */
export function scoreBreakdown(result: CheckResult): { parts: { id: string; status: string; weight: number; points: number }[]; total: number } {
  const weights: Record<string, number> = { segments: 30, etiology: 25, imaging: 25, underlying_condition: 10, functional_limitations: 10 };
  let total = 0;
  const parts = (result.elements || []).map((el) => {
    const weight = weights[el.id] || 0;
    const points = el.status === "present" ? weight : el.status === "partial" ? weight / 2 : 0;
    total += points;
    return { id: el.id, status: el.status, weight, points };
  });
  return { parts, total: Math.round(total) };
}

/** What the score means, behind one click: the rule, this note's points, and how the verdict bounds them. */
export function scoreHelp(result: CheckResult): string {
  const esc = escapeHtml;
  const b = scoreBreakdown(result);
  const bound: Record<string, string> = {
    supported: "A supported note scores 80 to 100.",
    incomplete: "An incomplete note scores at most 79, and at most 50 when the fusion itself is only possible.",
    redirect:
      "A redirect scores at most 20 (a quarter of the points): the note documents another code, so a low score here is not a documentation gap.",
    not_documented: "A note that documents no fusion of this region scores 0: there is nothing for " + result.code + " to score.",
  };
  let rows = "";
  for (const p of b.parts) {
    rows +=
      "<tr><td>" + esc(humanize(p.id)) + "</td><td>" + esc(p.status) + '</td><td class="num">' + p.points + " of " + p.weight + "</td></tr>";
  }
  return (
    '<details class="score-help"><summary>What the score means</summary>' +
    "<p>The score (0\u2013100) measures how much of what " +
    esc(result.code) +
    " needs the note documents. Each element earns its points when present and half when partial; the verdict then bounds the total, so the number never contradicts it.</p>" +
    '<table><thead><tr><th scope="col">Element</th><th scope="col">Status</th><th scope="col">Points</th></tr></thead><tbody>' +
    rows +
    '<tr class="total"><td>Total</td><td></td><td class="num">' +
    b.total +
    "</td></tr></tbody></table><p>" +
    esc(bound[result.verdict] || "") +
    " This note: " +
    result.score +
    ".</p></details>"
  );
}

/** What a report says about itself: tool version, code, note id or file, when it was checked. */
export interface ReportMeta {
  version?: string;
  /** Where the note came from: a file name, "standard input", "a bundled sample: ...". */
  source?: string;
  /** When it was checked (ISO 8601, or words). */
  checkedAt?: string;
}

/**
 * The report as an HTML fragment: verdict and score (with what the score means), the five elements as a
 * checklist linking to their evidence, the highlighted note with a legend, the cue words and what they
 * govern, the suggested codes, the provider queries with copy buttons, and every mention in a table (the
 * keyboard- and screen-reader-friendly view of the highlights). A redirect and a note with no fusion of
 * the region speak in their own terms: the headline names what the note documents, and the elements,
 * which do not decide such a verdict, are folded away in neutral colours.
 */
export function renderReport(text: string, result: CheckResult, meta?: ReportMeta): string {
  const esc = escapeHtml;
  const aside = result.verdict === "redirect" || result.verdict === "not_documented";
  const icon: Record<string, string> = aside
    ? { present: "\u2713", partial: "\u25D0", missing: "\u2013" }
    : { present: "\u2713", partial: "\u25D0", missing: "\u2717" };
  const instead = (result.suggestions || []).find((s) => s.relation === "instead");
  let h = "";
  const facts: string[] = [];
  if (meta && meta.version) facts.push("cdicheck " + esc(meta.version));
  facts.push("code " + esc(result.code));
  if (result.id !== undefined) facts.push("note id " + esc(result.id));
  if (meta && meta.source) facts.push(esc(meta.source));
  if (meta && meta.checkedAt) facts.push("checked " + esc(meta.checkedAt));
  h += '<p class="report-meta">' + facts.join(" \u00B7 ") + "</p>";
  h +=
    '<section class="verdict v-' +
    esc(result.verdict) +
    '" aria-label="Verdict">' +
    '<div class="verdict-main"><span class="verdict-word" data-verdict="' +
    esc(result.verdict) +
    '">' +
    esc(verdictHeadline(result)) +
    '</span> <span class="code">' +
    (result.verdict === "redirect"
      ? (instead && instead.title ? esc(instead.title) + ", " : "") + "not " + esc(result.code)
      : result.verdict === "not_documented"
        ? esc(result.code) + " does not apply"
        : "for " + esc(result.code)) +
    "</span>" +
    (result.id !== undefined ? ' <span class="note-id">note ' + esc(result.id) + "</span>" : "") +
    '</div><div class="score' +
    (aside ? " neutral" : "") +
    '" aria-label="score ' +
    result.score +
    ' of 100"><span class="score-label">Score</span> <span class="score-num">' +
    result.score +
    '</span>/100<span class="bar"><span class="bar-fill s' +
    Math.round(result.score / 10) * 10 +
    '"></span></span></div>' +
    scoreHelp(result) +
    (result.summary ? '<p class="summary">' + esc(result.summary) + "</p>" : "") +
    "</section>";

  let items = "";
  for (const el of result.elements) {
    const n = el.evidence.length;
    const head =
      '<span class="icon" aria-hidden="true">' +
      (icon[el.status] || "?") +
      '</span> <span class="el-name">' +
      esc(humanize(el.id)) +
      '</span> <span class="badge">' +
      esc(el.status) +
      "</span>" +
      (el.required ? ' <span class="req">required</span>' : ' <span class="opt">optional</span>') +
      (n ? ' <span class="ev-count">' + n + " evidence span" + (n > 1 ? "s" : "") + "</span>" : "");
    items +=
      '<li class="st-' +
      esc(el.status) +
      '" data-element="' +
      esc(el.id) +
      '">' +
      (n
        ? '<a class="el" href="#ev-' + esc(el.id) + '-0" data-key="' + esc(el.id) + '" data-count="' + n + '">' + head + "</a>"
        : '<span class="el">' + head + "</span>") +
      (el.message ? '<p class="msg">' + esc(el.message) + "</p>" : "") +
      "</li>";
  }
  if (aside) {
    h +=
      '<section class="elements aside" aria-labelledby="h-elements"><details><summary><span id="h-elements" class="h2">Documentation elements for ' +
      esc(result.code) +
      '</span> <span class="why">' +
      (result.verdict === "redirect"
        ? "not needed: the note documents " + esc(instead ? instead.code : "another code") + " instead"
        : "not needed: no fusion of this region is documented") +
      '</span></summary><ul class="checklist neutral">' +
      items +
      "</ul></details></section>";
  } else {
    h += '<section class="elements" aria-labelledby="h-elements"><h2 id="h-elements">Documentation elements</h2><ul class="checklist">' + items + "</ul></section>";
  }

  const cues = cueLinks(result);
  h +=
    '<section class="note" aria-labelledby="h-note"><h2 id="h-note">Note</h2>' +
    '<p class="legend" aria-label="Legend">' +
    '<span class="hl m t-fusion">fusion</span> <span class="hl m t-segment">segment</span> ' +
    '<span class="hl m t-region">region</span> <span class="hl m t-etiology">etiology</span> ' +
    '<span class="hl m t-imaging">imaging</span> <span class="hl m t-imaging_finding">finding</span> ' +
    '<span class="hl m t-limitation">limitation</span> <span class="hl m t-surgery">surgery</span> ' +
    '<span class="hl m t-congenital">congenital</span> <span class="hl m t-pseudarthrosis">pseudarthrosis</span> ' +
    '<span class="hl m t-other">other</span> \u00B7 ' +
    '<span class="hl m t-other a-negated">negated</span> <span class="hl m t-other a-hypothetical">hypothetical</span> ' +
    '<span class="hl m t-other a-uncertain">uncertain</span> <span class="hl m t-other a-other">someone else\'s</span> ' +
    '<span class="hl ev">evidence</span>' +
    (cues.length
      ? ' \u00B7 <span class="hl cue">cue word</span><span class="cue-tag" data-label="what it does \u2192 #n"></span> ' +
        'governs <span class="gov-tag" data-label="#n"></span><span class="hl m t-other">mention n</span> (hover a cue to draw its link)'
      : "") +
    "</p>" +
    '<pre class="note-text" tabindex="0" aria-label="Note with highlighted mentions">' +
    highlight(text, result) +
    "</pre></section>";

  if (cues.length) {
    h +=
      '<section class="cues"><details><summary>Cue words and what they govern (' +
      cues.length +
      ')</summary><ul class="cue-list">';
    cues.forEach((c, k) => {
      h +=
        '<li><a class="cue-link" href="#cue-' +
        k +
        '" data-cue="' +
        k +
        '">\u201C' +
        esc(c.text) +
        "\u201D</a> " +
        esc(c.categories.map(cueWord).join(", ")) +
        " \u2192 " +
        c.mentions
          .map((i) => '<a href="#m-' + i + '">#' + (i + 1) + " " + esc(result.mentions[i]!.text) + "</a>")
          .join(", ") +
        "</li>";
    });
    h += "</ul></details></section>";
  }

  // Only when the category M43.2 was checked: each code of the family with its verdict and score.
  if (result.family) {
    h += '<section class="family" aria-labelledby="h-family"><h2 id="h-family">The M43.2 family</h2><ul>';
    result.family.forEach((f) => {
      h += "<li" + (f.code === result.code ? ' class="chosen"' : "") + '><span class="sg-code">' + esc(f.code) + "</span> " + esc(f.verdict.replace("_", " ")) + " \u00B7 score " + esc(String(f.score)) + (f.code === result.code ? " (this report)" : "") + "</li>";
    });
    h += "</ul></section>";
  }

  h += '<section class="suggestions" aria-labelledby="h-sugg"><h2 id="h-sugg">Suggested codes</h2>';
  if (result.suggestions.length === 0) h += '<p class="none">No other code suggested.</p>';
  else {
    h += "<ul>";
    result.suggestions.forEach((s, i) => {
      h +=
        '<li class="rel-' +
        esc(s.relation) +
        '"><span class="sg-code">' +
        esc(s.code) +
        '</span> <span class="rel">' +
        esc(s.relation) +
        "</span>" +
        (s.title ? ' <span class="sg-title">' + esc(s.title) + "</span>" : "") +
        '<p class="reason">' +
        esc(s.reason) +
        "</p>" +
        (s.evidence.length
          ? '<a class="el sg-ev" href="#ev-s' + i + '-0" data-key="s' + i + '" data-count="' + s.evidence.length + '">show evidence</a>'
          : "") +
        "</li>";
    });
    h += "</ul>";
  }
  h += "</section>";

  h += '<section class="queries" aria-labelledby="h-queries"><h2 id="h-queries">Provider queries</h2>';
  if (result.queries.length === 0) h += '<p class="none">No query needed.</p>';
  else {
    h += "<ol>";
    result.queries.forEach((q, i) => {
      h +=
        '<li><p class="q-text" id="q-' +
        i +
        '">' +
        esc(q) +
        '</p><button type="button" class="copy" data-copy="q-' +
        i +
        '" aria-label="Copy query ' +
        (i + 1) +
        '">Copy</button>' +
        queryStructure((result.queryDetails || [])[i], q) +
        "</li>";
    });
    h += "</ol>";
  }
  h += "</section>";

  h +=
    '<section class="mentions"><details><summary>All mentions (' +
    result.mentions.length +
    ")</summary>" +
    '<div class="scroll"><table><thead><tr><th scope="col">#</th><th scope="col">Text</th><th scope="col">Type</th><th scope="col">Assertion</th><th scope="col">Cue</th><th scope="col">Section</th><th scope="col">Offsets</th></tr></thead><tbody>';
  result.mentions.forEach((m, i) => {
    h +=
      "<tr><td>" +
      (i + 1) +
      '</td><td><a href="#m-' +
      i +
      '">' +
      esc(m.text) +
      "</a></td><td>" +
      esc(m.type) +
      "</td><td>" +
      esc(assertionOf(m.assertion).words.join(", ")) +
      "</td><td>" +
      esc(describeCues(m)) +
      "</td><td>" +
      esc(m.section || "") +
      "</td><td>" +
      m.start +
      "\u2013" +
      m.end +
      "</td></tr>";
  });
  h += "</tbody></table></div></details></section>";
  return h;
}

/** The render functions the page at `/` runs in the browser (shipped as their source text). */
export const RENDER_FUNCTIONS: ReadonlyArray<(...args: never[]) => unknown> = [
  escapeHtml,
  mentionTypeClass,
  assertionOf,
  describeCues,
  mentionTitle,
  cueWord,
  cueLinks,
  highlight,
  humanize,
  queryStructure,
  verdictHeadline,
  scoreBreakdown,
  scoreHelp,
  renderReport,
];

/** Source text of RENDER_FUNCTIONS, for an inline script. */
export function renderFunctionsSource(): string {
  return RENDER_FUNCTIONS.map((f) => f.toString()).join("\n");
}

/** Styles of the report, shared by the page and the self-contained file. Light and dark, no web fonts. */
export const REPORT_CSS = `
.report{--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--card:#fff;--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--info:#0969da}
.report section{margin:0 0 1rem}
.report h2{font-size:1rem;margin:.2rem 0 .5rem}
.verdict{border:1px solid var(--line);border-left:.4rem solid var(--muted);border-radius:.4rem;padding:.6rem .8rem;background:var(--card)}
.verdict.v-supported{border-left-color:var(--ok)}.verdict.v-incomplete{border-left-color:var(--warn)}
.verdict.v-redirect{border-left-color:var(--info)}.verdict.v-not_documented{border-left-color:var(--muted)}
.verdict-main{display:flex;flex-wrap:wrap;gap:.5rem;align-items:baseline}
.verdict-word{font-size:1.4rem;font-weight:700}
.v-supported .verdict-word{color:var(--ok)}.v-incomplete .verdict-word{color:var(--warn)}
.v-redirect .verdict-word{color:var(--info)}.v-not_documented .verdict-word{color:var(--fg)}
.code,.note-id{color:var(--muted)}
.score{margin-top:.2rem;display:flex;align-items:center;gap:.3rem;color:var(--muted)}
.score-num{font-size:1.2rem;font-weight:700;color:var(--fg)}
.bar{display:inline-block;width:10rem;max-width:40%;height:.5rem;background:var(--line);border-radius:.25rem;overflow:hidden;margin-left:.5rem}
.bar-fill{display:block;height:100%;background:var(--info)}
.s0{width:0}.s10{width:10%}.s20{width:20%}.s30{width:30%}.s40{width:40%}.s50{width:50%}.s60{width:60%}.s70{width:70%}.s80{width:80%}.s90{width:90%}.s100{width:100%}
.summary{margin:.4rem 0 0}
.report-meta{margin:0 0 .5rem;color:var(--muted);font-size:.8rem;overflow-wrap:anywhere}
.score-label{font-size:.85rem}
.score.neutral .score-num{color:var(--muted)}.score.neutral .bar-fill{background:var(--muted)}
.v-redirect .bar-fill,.v-not_documented .bar-fill{background:var(--muted)}
.score-help{margin:.3rem 0 0;font-size:.88rem}
.score-help summary{cursor:pointer;color:var(--info);width:max-content;max-width:100%}
.score-help p{margin:.3rem 0}
.score-help table{border-collapse:collapse;font-size:.85rem}
.score-help th,.score-help td{border-bottom:1px solid var(--line);text-align:left;padding:.1rem .6rem .1rem 0}
.score-help td.num{text-align:right}.score-help tr.total td{font-weight:700}
.elements.aside summary{cursor:pointer}
.elements.aside .h2{font-size:1rem;font-weight:700}
.elements.aside .why{color:var(--muted);font-size:.9rem}
.elements.aside details[open] summary{margin-bottom:.5rem}
.checklist.neutral .icon,.checklist.neutral .badge{color:var(--muted);border-color:var(--line)}
.checklist{list-style:none;margin:0;padding:0}
.checklist li{border:1px solid var(--line);border-radius:.4rem;padding:.4rem .6rem;margin:0 0 .35rem;background:var(--card)}
.checklist .el{display:flex;flex-wrap:wrap;gap:.35rem;align-items:baseline;color:inherit;text-decoration:none}
.checklist a.el:hover .el-name,.checklist a.el:focus .el-name{text-decoration:underline}
.el-name{font-weight:600}
.icon{display:inline-block;width:1.2em;text-align:center;font-weight:700}
.st-present .icon{color:var(--ok)}.st-partial .icon{color:var(--warn)}.st-missing .icon{color:var(--bad)}
.badge,.req,.opt,.ev-count,.rel{font-size:.8rem;border-radius:1rem;padding:0 .45rem;border:1px solid var(--line);color:var(--muted)}
.st-present .badge{color:var(--ok);border-color:var(--ok)}.st-partial .badge{color:var(--warn);border-color:var(--warn)}
.st-missing .badge{color:var(--bad);border-color:var(--bad)}
.req{font-weight:600}
.msg{margin:.2rem 0 0 1.55rem;color:var(--muted);font-size:.9rem}
.note-text{position:relative;white-space:pre-wrap;word-wrap:break-word;overflow-wrap:anywhere;font:0.92rem/1.75 ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;border:1px solid var(--line);border-radius:.4rem;padding:1.1rem .7rem .7rem;background:var(--card);max-height:32rem;overflow:auto;margin:0}
.legend{font-size:.8rem;line-height:1.9;margin:0 0 .4rem}
.legend .hl{white-space:nowrap}
.hl{border-radius:.2rem}
.hl.ev{box-shadow:inset 0 -2px 0 #0969da}
.hl.m{padding:0 .05rem}
.t-segment{background:#b6e3ff}.t-region{background:#ddf4ff;outline:1px dashed #54aeff}
.t-fusion{background:#ffd8b5;font-weight:600}.t-surgery{background:#d8d3ff}.t-congenital{background:#ffd3eb}
.t-etiology{background:#ccf5d1}.t-imaging{background:#e6e0c0}.t-imaging_finding{background:#fff1a8}
.t-limitation{background:#ffe0e0}.t-pseudarthrosis{background:#f5c6ff}.t-other{background:#e8eaed}
.a-negated{text-decoration:line-through;text-decoration-thickness:2px;opacity:.75;background-image:repeating-linear-gradient(135deg,transparent 0 4px,rgba(0,0,0,.07) 4px 6px)}
.a-hypothetical{font-style:italic;outline:2px dotted #8250df;outline-offset:-1px}
.a-uncertain{text-decoration:underline wavy #bf8700;text-underline-offset:3px}
.a-other{outline:2px solid #8c959f;outline-offset:-1px;background-image:repeating-linear-gradient(45deg,transparent 0 5px,rgba(0,0,0,.09) 5px 7px)}
.a-historical{border-bottom:2px double #57606a}
.hl.cue{box-shadow:inset 0 0 0 1px #8250df;color:#6639ba;font-weight:600;background:#fbefff}
.cue-tag::after{content:attr(data-label);font:600 .68rem/1.2 system-ui,sans-serif;color:#fff;background:#8250df;border-radius:.6rem;padding:0 .35rem;margin:0 .15rem;vertical-align:.35em;white-space:nowrap}
.gov-tag::before{content:attr(data-label);font:600 .66rem/1.2 system-ui,sans-serif;color:#6639ba;border:1px solid #8250df;background:#fff;border-radius:.6rem;padding:0 .25rem;margin-right:.1rem;vertical-align:.35em}
.hl.linked{box-shadow:0 0 0 2px #8250df}
.cue-arcs{position:absolute;left:0;top:0;pointer-events:none;overflow:visible}
.cue-arcs path{fill:none;stroke:#8250df;stroke-width:2}
.cue-arcs .tip{fill:#8250df;stroke:none}
.cue-list{margin:.4rem 0 0;padding-left:1.2rem;font-size:.9rem}
.cue-list li{margin:0 0 .2rem}
.cues summary{cursor:pointer;font-weight:600}
.hl.flash{animation:flash 1.4s ease-out 1}
@keyframes flash{0%{box-shadow:0 0 0 3px #fb8f44}100%{box-shadow:0 0 0 0 transparent}}
.suggestions ul,.queries ol{margin:0;padding-left:1.2rem}
.q-structure{margin:.25rem 0 .5rem;font-size:.9em}.q-structure p{margin:.25rem 0}.q-label{font-weight:600}
.q-indicators,.q-options{margin:0;padding-left:1.2rem}.q-where,.q-off{color:var(--muted)}.q-options{list-style:circle}
.suggestions li,.queries li{margin:0 0 .5rem}
.sg-code{font-weight:700;font-family:ui-monospace,Menlo,Consolas,monospace}
.rel-instead .rel{color:var(--info);border-color:var(--info)}.rel-additional .rel{color:var(--ok);border-color:var(--ok)}
.reason{margin:.15rem 0}
.q-text{margin:.1rem 0 .3rem;white-space:pre-wrap}
.copy{font:inherit;font-size:.85rem;padding:.15rem .6rem;border:1px solid var(--line);border-radius:.3rem;background:var(--card);color:var(--fg);cursor:pointer}
.copy:hover{border-color:var(--info)}
.none{color:var(--muted);margin:0}
.mentions .scroll{overflow-x:auto}
.mentions table{border-collapse:collapse;font-size:.85rem;width:100%}
.mentions th,.mentions td{border-bottom:1px solid var(--line);text-align:left;padding:.2rem .4rem;vertical-align:top}
.mentions summary{cursor:pointer;font-weight:600}
.report a:focus-visible,.report button:focus-visible,.note-text:focus-visible,.report summary:focus-visible{outline:3px solid #fb8f44;outline-offset:2px}
@media (prefers-color-scheme: dark){
.report{--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--card:#151b23;--ok:#3fb950;--warn:#d29922;--bad:#f85149;--info:#4493f8}
.hl.m,.hl.cue{color:#1b1f24}
}
`;

/**
 * The browser half of the report, shared by the page and the file: a click on an element with evidence
 * scrolls to its next evidence span and flashes it; a Copy button copies its query.
 */
export const REPORT_SCRIPT = `
function copyText(s) {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(s);
  var ta = document.createElement("textarea");
  ta.value = s; ta.setAttribute("readonly", ""); ta.style.position = "fixed"; ta.style.left = "-9999px";
  document.body.appendChild(ta); ta.select();
  try { document.execCommand("copy"); } finally { ta.remove(); }
  return Promise.resolve();
}
/** Draws an arc from cue word k to each mention it governs (like medspaCy's visualizer), over the note. */
function drawCueArcs(root, k) {
  clearCueArcs(root);
  var pre = root.querySelector(".note-text");
  var tag = pre && pre.querySelector('[data-cue-tag="' + k + '"]');
  var cue = pre && pre.querySelector('.hl[data-cue~="' + k + '"]');
  if (!pre || !tag || !cue) return;
  var box = pre.getBoundingClientRect();
  var ox = pre.scrollLeft - box.left - pre.clientLeft, oy = pre.scrollTop - box.top - pre.clientTop;
  var from = cue.getClientRects()[0];
  if (!from) return;
  var x1 = from.left + from.width / 2 + ox, y1 = from.top + oy;
  var paths = "";
  cue.classList.add("linked");
  (tag.getAttribute("data-governs") || "").split(" ").forEach(function (i) {
    if (i === "") return;
    var pieces = pre.querySelectorAll('.hl[data-m~="' + i + '"]');
    pieces.forEach(function (p) { p.classList.add("linked"); });
    var to = pieces[0] && pieces[0].getClientRects()[0];
    if (!to) return;
    var x2 = to.left + Math.min(to.width / 2, 12) + ox, y2 = to.top + oy;
    var lift = Math.min(60, 18 + Math.abs(x2 - x1) / 8 + Math.abs(y2 - y1) / 4);
    var top = Math.max(2, Math.min(y1, y2) - lift);
    paths += '<path d="M' + x1.toFixed(1) + " " + y1.toFixed(1) + " C" + x1.toFixed(1) + " " + top.toFixed(1) + " " + x2.toFixed(1) + " " + top.toFixed(1) + " " + x2.toFixed(1) + " " + (y2 - 1).toFixed(1) + '"/>' +
      '<path class="tip" d="M' + (x2 - 4).toFixed(1) + " " + (y2 - 7).toFixed(1) + " L" + (x2 + 4).toFixed(1) + " " + (y2 - 7).toFixed(1) + " L" + x2.toFixed(1) + " " + y2.toFixed(1) + 'Z"/>';
  });
  pre.insertAdjacentHTML("beforeend", '<svg class="cue-arcs" aria-hidden="true" width="' + pre.scrollWidth + '" height="' + pre.scrollHeight + '">' + paths + "</svg>");
}
function clearCueArcs(root) {
  root.querySelectorAll(".cue-arcs").forEach(function (e) { e.remove(); });
  root.querySelectorAll(".linked").forEach(function (e) { e.classList.remove("linked"); });
}
function wireReport(root) {
  var turn = {};
  var pinned = null;
  function cueOf(t) {
    var c = t.closest(".note-text .hl[data-cue], .cue-list a[data-cue]");
    return c ? c.getAttribute("data-cue").split(" ")[0] : null;
  }
  root.addEventListener("mouseover", function (ev) {
    var k = ev.target instanceof Element ? cueOf(ev.target) : null;
    if (k !== null) drawCueArcs(root, k);
  });
  root.addEventListener("mouseout", function (ev) {
    var k = ev.target instanceof Element ? cueOf(ev.target) : null;
    if (k !== null) { if (pinned !== null) drawCueArcs(root, pinned); else clearCueArcs(root); }
  });
  root.addEventListener("focusin", function (ev) {
    var k = ev.target instanceof Element ? cueOf(ev.target) : null;
    if (k !== null) drawCueArcs(root, k);
  });
  root.addEventListener("focusout", function (ev) {
    var k = ev.target instanceof Element ? cueOf(ev.target) : null;
    if (k !== null) { if (pinned !== null) drawCueArcs(root, pinned); else clearCueArcs(root); }
  });
  root.addEventListener("click", function (ev) {
    var t = ev.target instanceof Element ? ev.target : null;
    if (!t) return;
    var link = t.closest("a.el[data-key]");
    if (link) {
      ev.preventDefault();
      var key = link.getAttribute("data-key"), count = Number(link.getAttribute("data-count")) || 1;
      var n = (turn[key] || 0) % count; turn[key] = n + 1;
      var anchor = root.querySelector("#ev-" + CSS.escape(key) + "-" + n);
      if (!anchor) return;
      var pieces = root.querySelectorAll('[data-ev~="' + key + ":" + n + '"]');
      var first = pieces[0] || anchor;
      first.scrollIntoView({ behavior: "smooth", block: "center" });
      pieces.forEach(function (p) { p.classList.remove("flash"); void p.offsetWidth; p.classList.add("flash"); });
      var pre = root.querySelector(".note-text"); if (pre) pre.focus({ preventScroll: true });
      return;
    }
    var cueLink = t.closest(".cue-list a[data-cue]");
    if (cueLink) {
      ev.preventDefault();
      var k = cueLink.getAttribute("data-cue");
      var first = root.querySelector('.note-text .hl[data-cue~="' + k + '"]');
      if (first) first.scrollIntoView({ block: "center" });
      pinned = k; drawCueArcs(root, k);
      return;
    }
    var pinnedCue = t.closest(".note-text .hl[data-cue]");
    if (pinnedCue) { pinned = cueOf(pinnedCue); drawCueArcs(root, pinned); return; }
    if (pinned !== null) { pinned = null; clearCueArcs(root); }
    var btn = t.closest("button.copy[data-copy]");
    if (btn) {
      var q = root.querySelector("#" + CSS.escape(btn.getAttribute("data-copy")));
      if (!q) return;
      copyText(q.textContent || "").then(function () {
        btn.textContent = "Copied"; btn.setAttribute("data-copied", "true");
        setTimeout(function () { btn.textContent = "Copy"; }, 2000);
      }, function () { btn.textContent = "Copy failed"; });
    }
  });
}
`;

/**
 * The structure of one query under its text, as a CDI platform loads it: what it closes, the clinical
 * indicators with their section (its header as the note writes it) and date, and the options as a list.
 * Nothing when the structured form is missing or is not this query's. Shipped to the browser: it calls
 * only escapeHtml and humanize.
 */
export function queryStructure(d: CheckResult["queryDetails"][number] | undefined, text: string): string {
  if (!d || d.text !== text) return "";
  const esc = escapeHtml;
  let h = '<div class="q-structure"><p class="q-closes">Closes <code>' + esc(d.closes) + "</code></p>";
  h += '<p class="q-label">Clinical indicators</p><ul class="q-indicators">';
  for (const ind of d.indicators) {
    let heading = ind.heading || "";
    while (heading && " :,;.-".indexOf(heading.charAt(heading.length - 1)) >= 0) heading = heading.slice(0, -1);
    const where = heading || (ind.section ? humanize(ind.section) : "");
    const place = [where, ind.date ? ind.date.text : ""].filter(Boolean).join(", ");
    h +=
      '<li><q class="q-ind">' +
      esc(ind.text) +
      "</q>" +
      (place ? ' <span class="q-where">' + esc(place) + "</span>" : "") +
      ' <span class="q-off">[' +
      ind.start +
      "-" +
      ind.end +
      "]</span></li>";
  }
  h += '</ul><p class="q-label">' + esc(d.question) + '</p><ul class="q-options">';
  for (const o of d.options) h += '<li class="q-option q-' + esc(o.kind) + '">' + esc(o.label) + "</li>";
  return h + "</ul></div>";
}

/** One self-contained HTML file: the report, its styles and its small script inline; no external URL. */
export function renderHtml(result: CheckResult, text: string, meta?: ReportMeta): string {
  const title =
    "cdicheck: " +
    verdictHeadline(result) +
    " (" +
    result.code +
    ")" +
    (result.id !== undefined ? " " + result.id : "") +
    (meta && meta.source ? " " + meta.source : "");
  return (
    "<!doctype html>\n" +
    '<html lang="en"><head><meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n" +
    '<meta name="referrer" content="no-referrer">\n' +
    "<title>" +
    escapeHtml(title) +
    "</title>\n<style>\n" +
    "body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif;color:#1b1f24;background:#f6f8fa}\n" +
    "@media (prefers-color-scheme: dark){body{color:#e6edf3;background:#0d1117}}\n" +
    "main.report{max-width:72rem;margin:0 auto;padding:1rem}\n" +
    "header h1{font-size:1.1rem;margin:0 0 .8rem}\n" +
    REPORT_CSS +
    "</style></head>\n<body>\n<main class=\"report\" id=\"report\"><header><h1>cdicheck report</h1></header>\n" +
    renderReport(text, result, meta) +
    "\n</main>\n<script>\n" +
    REPORT_SCRIPT +
    'wireReport(document.getElementById("report"));\n</script>\n</body></html>\n'
  );
}
