/** Issue 9: the scan's decoders are linear: 400 KB of adversarial base64 or HTML decodes well under a second. */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli, parseLines, tmp, write } from "../scan-helpers.js";
import { isBase64 } from "../../src/scan/fhir.js";
import { htmlToText } from "../../src/scan/html.js";

function timed<T>(f: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = f();
  return { value, ms: performance.now() - t };
}

describe("linear-time scan decoders", () => {
  it("tests a 400 KB base64 attachment in well under a second, white space runs included", () => {
    const plain = Buffer.from("IMPRESSION: Acquired C1-C2 ankylosis. ".repeat(8000)).toString("base64").replace(/(.{76})/g, "$1\r\n");
    expect(plain.length).toBeGreaterThan(400_000);
    expect(timed(() => isBase64(plain)).value).toBe(true);
    const spaces = "QUJD" + " ".repeat(400_000) + "!"; // took minutes with the old regular expression
    const r = timed(() => isBase64(spaces));
    expect(r.value).toBe(false);
    expect(r.ms).toBeLessThan(500);
    expect(isBase64("QUJD==")).toBe(true);
    expect(isBase64("QU=JD")).toBe(false);
    expect(isBase64("QUJD===")).toBe(false);
  });

  it("turns a 400 KB HTML note, and 400 KB of unclosed tags, into text in well under a second", () => {
    const html = "<html><head><title>x</title></head><body>" + "<p>Acquired C1-C2 ankylosis &amp; fusion.</p>\n   \n".repeat(8000) + "</body></html>";
    expect(html.length).toBeGreaterThan(400_000);
    const ok = timed(() => htmlToText(html));
    expect(ok.value.startsWith("Acquired C1-C2 ankylosis & fusion.\nAcquired")).toBe(true);
    expect(ok.ms).toBeLessThan(1000);
    for (const bad of ["<a".repeat(200_000), "<script>".repeat(50_000) + " ".repeat(200_000) + "x", "<!--".repeat(100_000), "&amp".repeat(100_000) + "<p>"]) {
      const r = timed(() => htmlToText(bad));
      expect(r.ms).toBeLessThan(1000);
    }
  });

  it("keeps the decoding rules: hidden elements, comments, blocks, entities, blank lines", () => {
    expect(htmlToText("<head><style>p{}</style></head><p>A&nbsp;&#x41;&#66;</p><!-- c --><div>C &lt;b&gt;</div>  \n \n<br>D")).toBe("A\u00a0AB\nC <b>\nD");
    expect(htmlToText("<script>var x = 1;</SCRIPT >kept")).toBe("kept");
    expect(htmlToText("x < 5 and y > 3")).toBe("x < 5 and y > 3");
  });

  it("scan: FHIR attachments of 400 KB (base64 with long white space runs, HTML of unclosed tags) each become a row within seconds", () => {
    const dir = tmp("cdicheck-linear-");
    const att = (contentType: string, data: string) => JSON.stringify({ resourceType: "DocumentReference", id: contentType.replace("/", "-"), content: [{ attachment: { contentType, data } }] });
    const f = write(
      join(dir, "export.ndjson"),
      [
        att("text/plain", "QUJD" + " ".repeat(400_000) + "!"),
        att("text/html", Buffer.from("<p>Acquired C1-C2 ankylosis.</p>" + "<a".repeat(200_000)).toString("base64")),
        att("text/html", Buffer.from("<script>".repeat(50_000) + "<p>Neck pain.</p>").toString("base64")),
      ].join("\n") + "\n",
    );
    const started = Date.now();
    const r = cli(["scan", f, "--quiet"]);
    expect(Date.now() - started).toBeLessThan(15_000); // each took over 120 s before
    const rows = parseLines(r.stdout);
    expect(rows.map((x) => x.error?.code ?? x.verdict)).toEqual(["invalid_request", "incomplete", "not_documented"]);
  }, 60_000);
});
