/** `cdicheck scan` inputs: folders of .txt, JSONL, CSV, FHIR; bad records become error rows and the scan goes on. */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BYTES_FOR_LAST_CORE, defaultJobs } from "../src/scan/run.js";
import { CLI, cli, FIXTURES, parseLines, tmp, write } from "./scan-helpers.js";

describe("scan: folders of .txt notes", () => {
  const dir = tmp();
  const notes = join(dir, "notes");
  write(join(notes, "b.txt"), "Neck pain. CT cervical spine reviewed.\n");
  write(join(notes, "a.txt"), "Stiff neck.\n");
  write(join(notes, "sub/c.txt"), "Occiput to C2 evaluated.\n");
  write(join(notes, "sub/readme.md"), "not a note");
  write(join(notes, "empty.txt"), "  \n\n");
  write(join(notes, "binary.txt"), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
  write(join(notes, "latin1.txt"), Buffer.concat([Buffer.from("line one\nCaf"), Buffer.from([0xe9]), Buffer.from(" note\n")]));

  const r = cli(["scan", notes, "--quiet"]);
  const rows = parseLines(r.stdout);

  it("walks folders recursively in a stable (sorted) order, ids relative to the folder", () => {
    expect(rows.map((x) => x.id)).toEqual(["a.txt", "b.txt", "binary.txt", "empty.txt", "latin1.txt", "sub/c.txt"]);
    expect(rows.find((x) => x.id === "sub/c.txt")!.source.file).toBe(`${notes}/sub/c.txt`);
  });

  it("turns empty, binary and non-UTF-8 notes into error rows naming file and line", () => {
    const byId = Object.fromEntries(rows.map((x) => [x.id, x]));
    expect(byId["empty.txt"].error.code).toBe("empty_note");
    expect(byId["binary.txt"].error.code).toBe("binary");
    expect(byId["latin1.txt"].error).toMatchObject({ code: "invalid_utf8", line: 2, file: `${notes}/latin1.txt` });
    expect(byId["latin1.txt"].error.message).toContain("latin1.txt");
    expect(byId["a.txt"].verdict).toBeDefined();
  });

  it("exits 3 with the errors counted in the summary line on stderr", () => {
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/6 notes, 3 checked .* 3 errors/);
    expect(r.stderr).toMatch(/1 files with other extensions ignored/);
  });

  it("keeps file order when reading many notes ahead, with bad files and other formats in between", () => {
    const many = join(dir, "many");
    const names: string[] = [];
    for (let i = 0; i < 150; i++) {
      const name = `n${String(i).padStart(3, "0")}.txt`;
      names.push(name);
      // one large note among the small ones (over the read-ahead byte budget on its own), empty and binary ones
      const text = i === 40 ? "Neck pain. ".repeat(900_000) : i % 37 === 5 ? "" : i % 41 === 7 ? "\u0000bin" : `Note ${i}. Stiff neck.`;
      write(join(many, name), text);
    }
    const before = write(join(dir, "before.jsonl"), '{"id":"j1","text":"Neck pain."}\n');
    const after = write(join(dir, "after.jsonl"), '{"id":"j2","text":"Neck pain."}\n');
    const out = parseLines(cli(["scan", before, many, join(notes, "a.txt"), after, "--quiet", "--max-note-chars", "20000000"]).stdout);
    expect(out.map((x) => x.id)).toEqual(["j1", ...names, join(notes, "a.txt"), "j2"]);
    expect(out.filter((x) => x.error?.code === "empty_note").map((x) => x.id)).toEqual(names.filter((_, i) => i % 37 === 5));
    expect(out.filter((x) => x.error?.code === "binary").map((x) => x.id)).toEqual(names.filter((_, i) => i % 41 === 7 && i % 37 !== 5));
    expect(out[41]!.verdict).toBeDefined(); // the 10 MB note, checked in its place
  });
});

describe("scan: JSONL", () => {
  const dir = tmp();
  const file = write(
    join(dir, "notes.jsonl"),
    Buffer.concat([
      Buffer.from('\ufeff{"id":"j1","text":"Neck pain."}\n'), // a UTF-8 BOM before the first line
      Buffer.from('{"id":"j2","text":"SECRETWORD broken\n'),
      Buffer.from('{"id":"j3","text":""}\n'),
      Buffer.from("\n"),
      Buffer.from('{"id":"j4"}\n'),
      Buffer.from('{"id":"j5","text":"caf'),
      Buffer.from([0xff]),
      Buffer.from('"}\n'),
      Buffer.from('{"id":6,"text":"Stiff neck."}\r\n'),
      Buffer.from('{"text":"no id here"}'),
    ]),
  );
  const r = cli(["scan", file, "--quiet"]);
  const rows = parseLines(r.stdout);

  it("gives one row per record, in order, with the line of each", () => {
    expect(rows.map((x) => x.source.line)).toEqual([1, 2, 3, 5, 6, 7, 8]);
    expect(rows.map((x) => x.id)).toEqual(["j1", null, "j3", "j4", null, "6", `${file}:8`]);
  });

  it("names each fault and never echoes note text in the message", () => {
    expect(rows.map((x) => x.error?.code ?? x.verdict)).toEqual([
      "not_documented",
      "invalid_json",
      "empty_note",
      "invalid_request",
      "invalid_utf8",
      "not_documented",
      "not_documented",
    ]);
    expect(rows[1]!.error.message).toMatch(/line 2: not valid JSON/);
    expect(r.stdout).not.toContain("SECRETWORD");
    expect(r.code).toBe(3);
  });

  it("reads other field names with --id-field and --text-field, and exits 0 when all went well", () => {
    const f = write(join(dir, "custom.ndjson"), '{"doc":"d1","body":"Neck pain."}\n{"doc":"d2","body":"Stiff."}\n');
    const r2 = cli(["scan", f, "--id-field", "doc", "--text-field", "body", "--quiet"]);
    expect(r2.code).toBe(0);
    expect(parseLines(r2.stdout).map((x) => x.id)).toEqual(["d1", "d2"]);
  });
});

describe("scan: CSV", () => {
  it("reads RFC 4180 fields, detects the header, names empty and broken rows by line", () => {
    const r = cli(["scan", join(FIXTURES, "notes.csv"), "--quiet"]);
    const rows = parseLines(r.stdout);
    expect(rows.map((x) => x.id)).toEqual(["n1", "n2", "n3", "n4", "n5", "n6"]);
    expect(rows.map((x) => x.source.line)).toEqual([2, 3, 4, 7, 8, 10]);
    expect(rows[3]!.error).toMatchObject({ code: "empty_note", line: 7 });
    expect(r.code).toBe(3);
  });

  it("keeps stray quotes as text, and turns a quote never closed into an error row naming its line", () => {
    const dir = tmp();
    const f = write(join(dir, "bad.csv"), 'note_id,transcription\n1,Neck pain.\n2,"bad "quote" here\n3,Fi"ne.\n4,"never closed\n5,lost\n');
    const r = cli(["scan", f, "--quiet"]);
    const rows = parseLines(r.stdout);
    expect(rows.map((x) => x.error?.code ?? x.id)).toEqual(["1", "2", "3", "invalid_csv"]);
    expect(rows.map((x) => x.source.line)).toEqual([2, 3, 4, 5]);
    expect(rows[3]!.error.message).toMatch(/line 5: unterminated quoted field/);
    expect(r.code).toBe(3);
  });

  it("uses --id-column/--text-column (names or numbers) and a headerless file", () => {
    const dir = tmp();
    const f = write(join(dir, "x.csv"), "a1,foo,Neck pain.\na2,bar,Stiff neck.\n");
    const rows = parseLines(cli(["scan", f, "--id-column", "1", "--text-column", "3", "--quiet"]).stdout);
    expect(rows.map((x) => [x.id, x.verdict])).toEqual([["a1", "not_documented"], ["a2", "not_documented"]]);
    const g = write(join(dir, "y.csv"), "key,words\nk1,Neck pain.\n");
    const r = cli(["scan", g, "--id-column", "key", "--text-column", "words", "--quiet"]);
    expect(parseLines(r.stdout).map((x) => x.id)).toEqual(["k1"]);
    const missing = cli(["scan", g, "--id-column", "key", "--text-column", "nope", "--quiet"]);
    expect(parseLines(missing.stdout)[0]!.error).toMatchObject({ code: "missing_column", line: 1 });
  });

  it("reads a file that starts with a UTF-8 BOM (quoted header), with the right lines", () => {
    const dir = tmp();
    const f = write(join(dir, "bom.csv"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('"note_id","text"\na,Neck pain.\nb,\nc,Stiff.\n')]));
    const rows = parseLines(cli(["scan", f, "--quiet"]).stdout);
    expect(rows.map((x) => [x.id, x.source.line, x.error?.code ?? "ok"])).toEqual([["a", 2, "ok"], ["b", 3, "empty_note"], ["c", 4, "ok"]]);
  });

  it("names a row with invalid UTF-8 and goes on", () => {
    const dir = tmp();
    const f = write(join(dir, "l1.csv"), Buffer.concat([Buffer.from("id,text\n1,caf"), Buffer.from([0xe9]), Buffer.from("\n2,ok note\n")]));
    const rows = parseLines(cli(["scan", f, "--quiet"]).stdout);
    expect(rows.map((x) => x.error?.code ?? x.id)).toEqual(["invalid_utf8", "2"]);
    expect(rows[0]!.error.line).toBe(2);
  });
});

describe("scan: FHIR R4", () => {
  const expectFhir = (rows: Record<string, any>[]): void => {
    expect(rows.map((x) => x.id)).toEqual(["DocumentReference/doc-1", "DiagnosticReport/rad-2", "DocumentReference/doc-3"]);
    expect(rows[0]!.source.attachment).toBe("content[1].attachment");
    expect(rows[0]!.textSource).toBeUndefined();
    expect(rows[1]!.textSource.contentType).toBe("text/html");
    expect(rows[1]!.textSource.note).toMatch(/offsets refer to that decoded text/);
    expect(rows[2]!.error.code).toBe("no_text");
    expect(rows[2]!.error.message).toMatch(/application\/pdf/);
  };

  it("reads bulk-export NDJSON: text/plain, text/html, no text, url-only, other resources skipped", () => {
    const r = cli(["scan", join(FIXTURES, "fhir/DocumentReference.ndjson"), "--quiet"]);
    const rows = parseLines(r.stdout);
    expectFhir(rows.slice(0, 3));
    expect(rows[3]!.error.message).toMatch(/DocumentReference.ndjson line 5: DocumentReference\/doc-4 content\[0\]\.attachment: attachment has only a url \(not fetched/);
    expect(rows).toHaveLength(4);
    expect(r.stderr).toMatch(/1 resources without notes skipped/);
  });

  it("reads Bundle JSON entry by entry, with the line each entry starts on", () => {
    const rows = parseLines(cli(["scan", join(FIXTURES, "fhir/bundle.json"), "--quiet"]).stdout);
    expectFhir(rows);
    expect(rows[0]!.source.line).toBe(6);
  });

  it("reports a truncated Bundle instead of dropping its last entry silently", () => {
    const dir = tmp();
    const f = write(join(dir, "cut.json"), '{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"DocumentReference","id":"x","content":[');
    const r = cli(["scan", f, "--quiet"]);
    expect(parseLines(r.stdout)[0]!.error.message).toMatch(/truncated Bundle/);
    expect(r.code).toBe(3);
  });
});

describe("scan: standard input", () => {
  const lines = ['{"id":"a","text":"Neck pain."}', "{broken", '{"id":"b","text":"CT: bony ankylosis of C1-C2."}'].join("\n") + "\n";

  it("reads JSONL from - by default, naming stdin and the line in every row and error", () => {
    const r = cli(["scan", "-", "--quiet"], { input: lines });
    const rows = parseLines(r.stdout);
    expect(rows.map((x) => x.id)).toEqual(["a", null, "b"]);
    expect(rows.map((x) => x.source)).toEqual([{ file: "stdin", line: 1 }, { file: "stdin", line: 2 }, { file: "stdin", line: 3 }]);
    expect(rows[1]!.error).toMatchObject({ code: "invalid_json", message: "stdin line 2: not valid JSON (at character 1)" });
    expect(r.code).toBe(3);
  });

  it("reads CSV or one .txt note from - with --input-format, between files in the order given", () => {
    const csv = cli(["scan", "-", "--input-format", "csv", "--quiet"], { input: readFileSync(join(FIXTURES, "notes.csv")) });
    expect(parseLines(csv.stdout).map((x) => x.id)).toEqual(["n1", "n2", "n3", "n4", "n5", "n6"]);
    const txt = parseLines(cli(["scan", "-", "--input-format", "txt", "--quiet"], { input: "Neck pain.\r\nC1-C2 fusion in 2010." }).stdout);
    expect(txt).toHaveLength(1);
    expect(txt[0]).toMatchObject({ id: "stdin", source: { file: "stdin", line: 1 } });
    const dir = tmp();
    const f = write(join(dir, "one.jsonl"), '{"id":"f","text":"Neck pain."}\n');
    expect(parseLines(cli(["scan", f, "-", f, "--quiet"], { input: lines }).stdout).map((x) => x.id)).toEqual(["f", "a", null, "b", "f"]);
  });

  it("resumes a scan of standard input given the same input again, and takes - once", () => {
    const out = join(tmp(), "out.jsonl");
    cli(["scan", "-", "--out", out, "--quiet"], { input: lines });
    const full = readFileSync(out, "utf8");
    writeFileSync(out, full.split("\n").slice(0, 1).join("\n") + "\n");
    const again = cli(["scan", "-", "--out", out, "--resume", "--quiet"], { input: lines });
    expect(again.stderr).toMatch(/1 already in/);
    expect(readFileSync(out, "utf8")).toBe(full);
    const twice = cli(["scan", "-", "-"], { input: lines });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/standard input\) can be given once/);
  });
});

describe("scan: mixed inputs and command errors", () => {
  it("takes any mix of files and folders, in the order given", () => {
    const rows = parseLines(cli(["scan", join(FIXTURES, "notes.csv"), join(FIXTURES, "fhir"), "--quiet"]).stdout);
    expect(rows).toHaveLength(6 + 4 + 3);
    expect(rows[6]!.id).toBe("DocumentReference/doc-1"); // fhir/DocumentReference.ndjson sorts before fhir/bundle.json
  });

  it("exits 2 for an unknown option, a missing path, an unknown extension or a bad option value", () => {
    const dir = tmp();
    const odd = write(join(dir, "x.docx"), "x");
    const self = write(join(dir, "self.jsonl"), '{"id":"s","text":"Neck pain."}\n');
    for (const args of [
      ["scan", FIXTURES, "--frobnicate"],
      ["scan", join(dir, "nope")],
      ["scan", odd],
      ["scan", FIXTURES, "--jobs", "0"],
      ["scan", FIXTURES, "--format", "xml"],
      ["scan", FIXTURES, "--input-format", "pdf"],
      ["scan", FIXTURES, "--code", "M43.29"],
      ["scan", self, "--out", self],
      ["scan"],
    ]) {
      const r = cli(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
    }
    expect(readFileSync(self, "utf8")).toBe('{"id":"s","text":"Neck pain."}\n'); // an input is never overwritten
  });
});

describe("scan: worker threads", () => {
  it("by default starts a worker per core, fewer for small inputs, the last core only for a large one", () => {
    const MB = 2 ** 20;
    expect(defaultJobs(0, 8)).toBe(1);
    expect(defaultJobs(1000 * MB, 1)).toBe(1);
    expect(defaultJobs(17 * MB, 2)).toBe(1); // MTSamples on the project machine: a second worker would cost more than it saves
    expect(defaultJobs(BYTES_FOR_LAST_CORE - 1, 2)).toBe(1);
    expect(defaultJobs(BYTES_FOR_LAST_CORE, 2)).toBe(2);
    expect(defaultJobs(3 * MB, 16)).toBe(1); // a few notes: one worker starts fastest
    expect(defaultJobs(17 * MB, 16)).toBe(4); // one per MIN_BYTES_PER_WORKER, each on a core of its own
    expect(defaultJobs(40 * MB, 16)).toBe(10);
    expect(defaultJobs(62 * MB, 16)).toBe(15); // every core but the main thread's
    expect(defaultJobs(154 * MB, 16)).toBe(16);
    expect(defaultJobs(154 * MB, 4)).toBe(4);
  });

  it("uses exactly --jobs when given, and says how many workers ran", () => {
    const dir = tmp();
    const f = write(join(dir, "n.jsonl"), '{"id":"a","text":"C1-C2 fusion."}\n');
    expect(cli(["scan", f, "--quiet", "--jobs", "2"]).stderr).toMatch(/, 2 workers, /);
    // Not through cli(), which adds --jobs 1: the default itself, for a tiny input.
    const byDefault = spawnSync(process.execPath, [CLI, "scan", f, "--quiet"], { encoding: "utf8" });
    expect(byDefault.stderr).toMatch(/, 1 worker, /);
  });
});
