import { describe, expect, it } from "vitest";
import { check, ResultSchema } from "../src/index.js";

describe("check() contract", () => {
  it("returns a result that validates against the schema, with all five elements in order", () => {
    const result = check("Neck pain.");
    expect(ResultSchema.safeParse(result).success).toBe(true);
    expect(result.elements.map((e) => e.id)).toEqual([
      "segments",
      "etiology",
      "imaging",
      "underlying_condition",
      "functional_limitations",
    ]);
  });
});
