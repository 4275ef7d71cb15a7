/**
 * The page at `/` in a real browser: playwright-core driving Debian's chromium (installed by
 * scripts/ensure-chromium.sh when missing and we are root, as in CI). Screenshots go to test-output/.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check } from "../src/check.js";
import { renderHtml } from "../src/reporters/html.js";
import { renderScanReport } from "../src/reporters/report-html.js";
import { digestResult } from "../src/scan/digest.js";
import { Tally } from "../src/scan/tally.js";
import { buildApp } from "../src/server/app.js";
import { createInlineChecker } from "../src/server/checker.js";
import { loadSamples } from "../src/server/page.js";
import { loadFixture, ROOT, startCli, type RunningServer } from "./serve-helpers.js";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const OUT = join(ROOT, "test-output");

let context: BrowserContext;
let profile: string;

beforeAll(async () => {
  execFileSync("bash", [join(ROOT, "scripts/ensure-chromium.sh")], { stdio: "inherit" });
  mkdirSync(OUT, { recursive: true });
  profile = mkdtempSync(join(tmpdir(), "cdicheck-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1280, height: 800 },
  });
});

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

/** Every request the page makes must stay on the app's origin (offline, no CDN). */
function trackOrigins(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) foreign.push(r.url());
  });
  return foreign;
}

describe("page with a hand-built result (highlighting, checklist, copy)", () => {
  const { text, result } = loadFixture();
  let app: Awaited<ReturnType<typeof buildApp>>;
  let url: string;

  beforeAll(async () => {
    app = await buildApp({ checker: createInlineChecker(() => result), host: "127.0.0.1", logLevel: "silent" });
    await app.listen({ host: "127.0.0.1", port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await app?.close();
  });

  it("pastes a note, checks with Ctrl+Enter, highlights every mention, copies a query", async () => {
    const page = await context.newPage();
    const foreign = trackOrigins(page, url);
    const consoleErrors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(e.message));
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: url.replace(/\/$/, "") });
    await page.goto(url);
    await page.locator("#note").fill(text);
    await page.locator("#note").press("Control+Enter");
    await expect.poll(() => page.locator(".verdict-word").textContent()).toBe("Incomplete");
    expect(await page.locator(".score-num").textContent()).toBe(String(result.score));
    await page.screenshot({ path: join(OUT, "serve-page-1280x800.png") });

    // Checklist: five elements with their status.
    const statuses = await page.locator(".checklist li").evaluateAll((lis) =>
      lis.map((li) => [li.getAttribute("data-element"), li.querySelector(".badge")?.textContent]),
    );
    expect(statuses).toEqual(result.elements.map((e) => [e.id, e.status]));

    // Every mention: its pieces, joined, are exactly its text; styled by type and assertion.
    for (const [i, m] of result.mentions.entries()) {
      const pieces = page.locator(`.note-text [data-m~="${i}"]`);
      const joined = (await pieces.allTextContents()).join("");
      expect(joined, `mention ${i} (${m.text})`).toBe(m.text);
      const title = (await pieces.first().getAttribute("title")) ?? "";
      expect(title).toContain(`[${m.type}]`);
      for (const cue of m.cues) expect(title).toContain(`"${cue.text}"`);
    }
    const classesOf = async (pred: (m: (typeof result.mentions)[number]) => boolean) => {
      const i = result.mentions.findIndex(pred);
      expect(i).toBeGreaterThanOrEqual(0);
      return (await page.locator(`.note-text [data-m~="${i}"]`).first().getAttribute("class")) ?? "";
    };
    expect(await classesOf((m) => m.assertion.negated)).toContain("a-negated");
    expect(await classesOf((m) => m.assertion.hypothetical)).toContain("a-hypothetical");
    expect(await classesOf((m) => m.assertion.uncertain)).toContain("a-uncertain");
    expect(await classesOf((m) => m.assertion.experiencer === "other")).toContain("a-other");
    expect(await classesOf((m) => m.type === "vascular")).toContain("t-other");
    // The note shown is the note sent, character for character.
    expect(await page.locator(".note-text").textContent()).toBe(text);

    // Clicking an element scrolls to and flashes its evidence.
    await page.locator('.checklist a.el[data-key="imaging"]').click();
    await expect.poll(() => page.locator('.note-text [data-ev~="imaging:0"].flash').count()).toBeGreaterThan(0);
    const inView = () =>
      page.locator('.note-text [data-ev~="imaging:0"]').first().evaluate((el) => {
        const r = el.getBoundingClientRect();
        const box = el.closest(".note-text")!.getBoundingClientRect();
        return r.top >= Math.max(0, box.top) - 1 && r.bottom <= Math.min(window.innerHeight, box.bottom) + 1;
      });
    await expect.poll(inView).toBe(true);

    // Suggestions and queries.
    expect(await page.locator(".suggestions .sg-code").allTextContents()).toEqual(result.suggestions.map((s) => s.code));
    expect(await page.locator(".queries .q-text").allTextContents()).toEqual(result.queries);
    // Each query's structure, rendered in the page by the same function as the HTML report.
    expect(await page.locator(".queries .q-structure").count()).toBe(result.queryDetails.length);
    expect(await page.locator(".queries .q-ind").allTextContents()).toEqual(result.queryDetails.flatMap((q) => q.indicators.map((i) => i.text)));
    expect(await page.locator(".queries .q-option").allTextContents()).toEqual(result.queryDetails.flatMap((q) => q.options.map((o) => o.label)));
    await page.locator('button.copy[data-copy="q-0"]').click();
    await expect.poll(() => page.locator('button.copy[data-copy="q-0"]').textContent()).toBe("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(result.queries[0]);

    await page.screenshot({ path: join(OUT, "serve-page-after-copy.png") });
    await page.setViewportSize({ width: 420, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(OUT, "serve-page-narrow.png"), fullPage: true });
    expect(foreign).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it("shows the code card of M43.21 in the code panel, its answers citing the official text", async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(url);
    await page.locator("#code-panel summary").first().click();
    const kf = page.locator('.code-card [data-question="klippel-feil"]');
    await expect.poll(() => kf.isVisible()).toBe(true);
    expect(await kf.textContent()).toContain("Klippel-Feil syndrome (Q76.1)");
    expect(await page.locator(".code-card details.question").count()).toBe(7);
    await page.screenshot({ path: join(OUT, "serve-page-code-card.png"), fullPage: true });
    expect(errors).toEqual([]); // no style or script refused by the page's CSP
    await page.close();
  });

  it("is keyboard-accessible: Tab reaches the note, Check, and the element links", async () => {
    const page = await context.newPage();
    await page.goto(url);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("note");
    await page.keyboard.type("Ankylosis at C1-C2.");
    await page.keyboard.press("Control+Enter");
    await expect.poll(() => page.locator(".verdict-word").count()).toBe(1);
    const reachable: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press("Tab");
      reachable.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.getAttribute("data-key") || document.activeElement?.tagName || ""));
    }
    expect(reachable).toContain("check");
    expect(reachable).toContain("segments");
    await page.close();
  });
});

describe("page served by the built CLI (real check, worker pool)", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startCli(["--log-level", "warn"]);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("checks a bundled sample picked from the list and shows check()'s verdict and mentions", async () => {
    const samples = loadSamples();
    expect(samples.length).toBeGreaterThan(0);
    const page = await context.newPage();
    const foreign = trackOrigins(page, server.url);
    await page.goto(server.url);
    for (const [i, s] of samples.entries()) {
      await page.locator("#sample").selectOption(String(i));
      expect(await page.locator("#note").inputValue()).toBe(s.text);
      await page.locator("#check").click();
      const expected = check(s.text);
      await expect.poll(() => page.locator(".verdict-word").getAttribute("data-verdict")).toBe(expected.verdict);
      await expect.poll(() => page.locator("#status").textContent()).toContain(s.text.length + " characters");
      const shown = await page.locator(".note-text [data-m]").evaluateAll((els) => new Set(els.flatMap((e) => e.getAttribute("data-m")!.split(" "))).size);
      expect(shown).toBe(expected.mentions.length);
      expect(await page.locator(".queries .q-text").count()).toBe(expected.queries.length);
      await page.screenshot({ path: join(OUT, `serve-sample-${s.name.replace(/\.txt$/, "")}.png`), fullPage: true });
    }
    // A note opened from a file lands in the box as is.
    const fileNote = "ASSESSMENT: Ankylosis of C1-C2 <from a file> & more.\n";
    await page.locator("#file").setInputFiles({ name: "note.txt", mimeType: "text/plain", buffer: Buffer.from(fileNote) });
    await expect.poll(() => page.locator("#note").inputValue()).toBe(fileNote);
    // An empty note is refused on the page without a request.
    await page.locator("#note").fill("   ");
    await page.locator("#check").click();
    expect(await page.locator("#status.error").textContent()).toContain("empty");
    expect(foreign).toEqual([]);
    await page.close();
    expect(server.stderr()).not.toContain(samples[0]!.text.slice(0, 40));
  });
});

/**
 * Installs a watcher in the page: after every edit of the note and every change of the report, a verdict
 * on screen must be the verdict of the note on screen (the highlighted note in the report is the text that
 * was checked). Each breach is recorded with the state the page was in.
 */
async function watchVerdicts(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __breaches: string[]; __seen: number };
    w.__breaches = [];
    w.__seen = 0;
    const note = document.getElementById("note") as HTMLTextAreaElement;
    const report = document.getElementById("report")!;
    const code = document.getElementById("code") as HTMLSelectElement;
    const look = (why: string) => {
      const verdict = report.querySelector(".verdict-word");
      if (!verdict) return;
      w.__seen++;
      const shownText = report.querySelector(".note-text")?.textContent ?? null;
      const shownCode = /code (\S+)/.exec(report.querySelector(".report-meta")?.textContent ?? "")?.[1];
      if (shownText !== note.value || shownCode !== code.value || report.getAttribute("data-state") !== "result") {
        w.__breaches.push(`${why}: verdict "${verdict.textContent}" shown for other text (state ${report.getAttribute("data-state")})`);
      }
    };
    note.addEventListener("input", () => look("input"));
    new MutationObserver(() => look("report changed")).observe(report, { childList: true, subtree: true });
  });
}

const breaches = (page: Page) => page.evaluate(() => (window as unknown as { __breaches: string[] }).__breaches);

describe("the page never shows a verdict for text other than the one on screen (issue 11)", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startCli(["--log-level", "warn", "--max-note-chars", "5000"]);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("edits a checked note, sends a too-large note, stops the server: every verdict matches the note on screen", async () => {
    const samples = loadSamples();
    const page = await context.newPage();
    const foreign = trackOrigins(page, server.url);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      // The fetch to the stopped server logs a network error by design; anything else (a CSP refusal) is a fault.
      if (m.type() === "error" && !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(m.text())) errors.push(m.text());
    });
    await page.goto(server.url);
    await watchVerdicts(page);
    const verdicts = () => page.locator(".verdict-word").count();
    const shot = async (name: string) => {
      for (const [w, h] of [[1280, 800], [420, 900]] as const) {
        await page.setViewportSize({ width: w, height: h });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${name} at ${w} px overflows`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(OUT, `page-${name}-${w}.png`), fullPage: w === 420 });
      }
      await page.setViewportSize({ width: 1280, height: 800 });
    };

    // 1. A sample, checked.
    const s0 = samples.findIndex((s) => s.name.startsWith("01-"));
    await page.locator("#sample").selectOption(String(s0));
    await page.locator("#check").click();
    await expect.poll(() => page.locator(".verdict-word").getAttribute("data-verdict")).toBe(check(samples[s0]!.text).verdict);
    expect(await page.locator("#report").getAttribute("data-state")).toBe("result");
    expect(await page.locator(".report-meta").textContent()).toMatch(/^cdicheck \d+\.\d+\.\d+ · code M43\.21 · sample 01-.*\.txt · checked /);
    await shot("supported");

    // 2. One keystroke: the verdict is gone at once, the area says why, the status tells screen readers,
    //    and the sample picker no longer names a sample.
    await page.locator("#note").press("End");
    await page.keyboard.type(" x");
    expect(await verdicts()).toBe(0);
    expect(await page.locator("#report").getAttribute("data-state")).toBe("stale");
    expect(await page.locator("#report .notice-stale h2").textContent()).toBe("Not checked: the note has changed");
    expect(await page.locator("#status").textContent()).toContain("changed after the check");
    expect(await page.locator("#status").getAttribute("aria-live")).toBe("polite");
    expect(await page.locator("#sample").inputValue()).toBe("");
    await shot("stale");

    // 3. Back to the checked text: its result comes back, because it is again the text on screen.
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Backspace");
    expect(await page.locator("#note").inputValue()).toBe(samples[s0]!.text);
    expect(await verdicts()).toBe(1);

    // 4. Each verdict kind, in its own words.
    const kinds: [string, string, string][] = [
      ["incomplete", samples.find((s) => s.name.startsWith("03-"))!.text, "Incomplete"],
      ["redirect", samples.find((s) => s.name.startsWith("02-"))!.text, "Documents Z98.1 instead"],
      ["not_documented", "HPI: Right knee pain after a fall.\nEXAM: Effusion, no instability.\nPLAN: Ice, NSAIDs, follow up in 2 weeks.\n", "No fusion of this region documented"],
    ];
    for (const [kind, text, words] of kinds) {
      expect(check(text).verdict).toBe(kind);
      await page.locator("#note").fill(text);
      expect(await verdicts()).toBe(0);
      await page.locator("#note").press("Control+Enter");
      await expect.poll(() => page.locator(".verdict-word").getAttribute("data-verdict")).toBe(kind);
      expect(await page.locator(".verdict-word").textContent()).toBe(words);
      if (kind !== "incomplete") {
        // No wall of red: the elements are folded away, neutral, and the score is grey.
        expect(await page.locator(".elements.aside details").getAttribute("open")).toBeNull();
        expect(await page.locator(".checklist.neutral li").count()).toBe(5);
        expect(await page.locator(".checklist li .icon", { hasText: "\u2717" }).count()).toBe(0);
        const colour = await page.locator(".verdict-word").evaluate((e) => getComputedStyle(e).color);
        expect(colour).not.toBe("rgb(207, 34, 46)");
      }
      // The score's meaning is one click away.
      await page.locator(".score-help summary").click();
      await expect.poll(() => page.locator(".score-help table").isVisible()).toBe(true);
      expect(await page.locator(".score-help").textContent()).toContain(`This note: ${check(text).score}.`);
      await shot(kind.replace("_", "-"));
    }

    // 5. A cue word draws its link to what it governs (sample 03: "possible" hedges the fusion).
    await page.locator("#note").fill(samples.find((s) => s.name.startsWith("03-"))!.text);
    await page.locator("#note").press("Control+Enter");
    await expect.poll(() => page.locator(".verdict-word").getAttribute("data-verdict")).toBe("incomplete");
    const cue = page.locator(".note-text .hl.cue").first();
    expect(await cue.count()).toBe(1);
    await cue.hover();
    await expect.poll(() => page.locator(".note-text .cue-arcs path").count()).toBeGreaterThan(0);
    const governs = (await page.locator(".note-text .cue-tag").first().getAttribute("data-governs"))!.split(" ");
    for (const i of governs) expect(await page.locator(`.note-text .hl[data-m~="${i}"].linked`).count()).toBeGreaterThan(0);
    expect(await page.locator(".note-text .cue-tag").first().evaluate((e) => getComputedStyle(e, "::after").content)).toMatch(/→ #\d/);
    await page.locator(".note-text").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUT, "page-cue-arc-1280.png") });
    await page.mouse.move(5, 5);
    await expect.poll(() => page.locator(".note-text .cue-arcs").count()).toBe(0);
    // From the keyboard: the cue list under the note draws the same link when a cue gets focus.
    await page.locator(".cues summary").click();
    await page.locator(".cue-list a.cue-link").first().focus();
    await expect.poll(() => page.locator(".note-text .cue-arcs path").count()).toBeGreaterThan(0);
    expect(await page.locator(".cue-list li").first().textContent()).toMatch(/^“[^”]+” hedges → #\d/);
    await page.keyboard.press("Shift+Tab");
    await expect.poll(() => page.locator(".note-text .cue-arcs").count()).toBe(0);

    // 6. Too large for the server: the error replaces the result.
    await page.locator("#note").fill("Neck pain. ".repeat(600));
    await page.locator("#check").click();
    await expect.poll(() => page.locator("#report").getAttribute("data-state")).toBe("error");
    expect(await verdicts()).toBe(0);
    expect(await page.locator("#report .notice-error").textContent()).toMatch(/over the 5,000-character limit/);
    expect(await page.locator("#status.error").textContent()).toContain("Not checked");
    await shot("too-large");

    // 7. A note checked, then the server stops: the next check's error replaces that result too.
    await page.locator("#note").fill(samples[s0]!.text);
    await page.locator("#check").click();
    await expect.poll(() => verdicts()).toBe(1);
    await server.stop();
    await page.locator("#note").fill("Ankylosis at C1-C2 on CT.");
    expect(await verdicts()).toBe(0);
    await page.locator("#check").click();
    await expect.poll(() => page.locator("#report").getAttribute("data-state")).toBe("error");
    expect(await verdicts()).toBe(0);
    expect(await page.locator("#report .notice-error").textContent()).toContain("the server could not be reached");
    await shot("unreachable");

    expect(await breaches(page)).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __seen: number }).__seen)).toBeGreaterThan(5);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("reports at 1280 and 420 px (check --format html, scan --report)", () => {
  it("the scan report reads at 420 px and a count opens the notes behind it", async () => {
    const t = new Tally();
    const files = readdirSync(join(ROOT, "corpus/notes")).filter((f) => f.endsWith(".txt")).sort().slice(0, 60);
    files.forEach((f, i) => t.add({ id: f.replace(/\.txt$/, ""), file: "corpus/notes/" + f, line: i + 1, ...digestResult(check(readFileSync(join(ROOT, "corpus/notes", f), "utf8"))) }));
    t.add({ id: "bad-1", file: "export/with/a/rather/long/path/name/notes-2026-12-03.jsonl", line: 99, verdict: "error", score: null, missing: [], partial: [], suggestions: [], finding: "empty_note: the note is empty", snippet: "", errorCode: "empty_note" });
    const path = join(OUT, "scan-report.html");
    writeFileSync(path, renderScanReport(t, { generatedAt: new Date().toISOString(), inputs: ["corpus/notes"], interrupted: false, code: "M43.21", version: "test" }));
    const page = await context.newPage();
    for (const [w, h] of [[1280, 900], [420, 900]] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto("file://" + path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `scan report at ${w} px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(OUT, `scan-report-${w}.png`), fullPage: true });
      // A count in the elements panel opens its list of notes (ids and verdicts).
      const link = page.locator('#lack td.n a[href="#g-lack-imaging"]');
      const n = Number(await link.textContent());
      expect(n).toBeGreaterThan(0);
      expect(await page.locator("#g-lack-imaging").isVisible()).toBe(false);
      await link.click();
      await expect.poll(() => page.locator("#g-lack-imaging").isVisible()).toBe(true);
      expect(await page.locator("#g-lack-imaging td.id").count()).toBe(Math.min(n, 250));
      const overflowOpen = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflowOpen, `scan report with a list open at ${w} px`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(OUT, `scan-report-count-${w}.png`) });
      // A verdict card opens its list even when that list starts closed.
      expect(await page.locator("#list-not_documented").isVisible()).toBe(false);
      await page.locator('a.card[href="#list-not_documented"]').click();
      await expect.poll(() => page.locator("#list-not_documented").isVisible()).toBe(true);
      expect(await page.locator("#list-not_documented td.id").count()).toBe(t.verdicts.get("not_documented"));
    }
    await page.close();
  });

  it("check --format html names version, code, file and date, and reads at 420 px", async () => {
    const page = await context.newPage();
    for (const s of loadSamples()) {
      const result = check(s.text);
      const path = join(OUT, `check-${s.name.replace(/\.txt$/, "")}.html`);
      writeFileSync(path, renderHtml(result, s.text, { version: "test", source: "file samples/" + s.name, checkedAt: new Date().toISOString() }));
      for (const [w, h] of [[1280, 900], [420, 900]] as const) {
        await page.setViewportSize({ width: w, height: h });
        await page.goto("file://" + path);
        expect(await page.locator(".report-meta").textContent()).toMatch(new RegExp(`^cdicheck test · code M43\\.21 · file samples/${s.name.replace(/\./g, "\\.")} · checked \\d{4}-`));
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${s.name} at ${w} px`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: join(OUT, `check-html-${result.verdict}-${w}.png`), fullPage: w === 420 });
      }
    }
    await page.close();
  });
});

describe("a panel added to the page (PagePanel) follows the page's states", () => {
  const { text, result } = loadFixture();
  let app: Awaited<ReturnType<typeof buildApp>>;
  let url: string;
  beforeAll(async () => {
    const panel = {
      id: "probe",
      title: "Probe panel",
      css: "#panel-probe{border:1px solid #8250df;padding:.5rem}",
      script: `window.cdicheckPanels.push({ id: "probe", render: function (text, result, el) { el.textContent = "probe: " + result.verdict + " for " + text.length + " characters"; } });`,
    };
    app = await buildApp({ checker: createInlineChecker(() => result), host: "127.0.0.1", logLevel: "silent", panels: [panel] });
    await app.listen({ host: "127.0.0.1", port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await app?.close();
  });

  it("renders with a result, and is hidden and emptied when the note changes", async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    await page.goto(url);
    const panel = page.locator("#panel-probe");
    expect(await panel.isVisible()).toBe(false);
    await page.locator("#note").fill(text);
    await page.locator("#check").click();
    await expect.poll(() => panel.textContent()).toBe(`probe: ${result.verdict} for ${text.length} characters`);
    expect(await panel.isVisible()).toBe(true);
    expect(await panel.getAttribute("aria-label")).toBe("Probe panel");
    // Its CSS passed the page's Content-Security-Policy (hashed with the rest).
    expect(await panel.evaluate((e) => getComputedStyle(e).borderTopColor)).toBe("rgb(130, 80, 223)");
    await page.locator("#note").press("End");
    await page.keyboard.type("!");
    expect(await panel.isVisible()).toBe(false);
    expect(await panel.textContent()).toBe("");
    expect(errors).toEqual([]);
    await page.close();
  });
});
