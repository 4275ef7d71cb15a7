/**
 * An empty note through the library: refused with a typed error, as `cdicheck check` (exit 2, "empty
 * note") and `POST /v1/check` (400 empty_note) refuse it. The error types come from the package entry.
 */
import { describe, expect, it } from "vitest";
import { check, EmptyNoteError, InputError, UnsupportedCodeError } from "../../src/index.js";

describe("check() on a note with no text", () => {
  it.each([
    ["the empty string", ""],
    ["white space only", " \n\t \r\n\u00a0"],
  ])("%s: throws EmptyNoteError, an InputError with code empty_note", (_name, text) => {
    let thrown: unknown;
    try {
      check(text);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(EmptyNoteError);
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).code).toBe("empty_note");
    expect((thrown as Error).name).toBe("EmptyNoteError");
    expect((thrown as Error).message).toMatch(/empty note \(no text to check\)/);
  });

  it("checks the code first, as the CLI does: an unknown code wins over an empty note", () => {
    expect(() => check("", { code: "M43.29" })).toThrow(UnsupportedCodeError);
  });

  it("a note with one word is checked, not refused", () => {
    expect(check("fusion").verdict).toBe("not_documented");
  });
});
