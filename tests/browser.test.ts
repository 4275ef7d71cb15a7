/**
 * The page at `/` in a real browser: playwright-core driving Debian's chromium (installed by
 * scripts/ensure-chromium.sh when missing and we are root, as in CI). Screenshots go to test-output/.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { check } from "../src/check.js";
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
