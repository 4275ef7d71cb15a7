import type { RoutingCase, RuleCases } from "../../harness.js";

export default {
  rule: "other-regions",
  valid: [
    { name: "the region only", note: "C1-C2 ankylosis due to RA.", verdict: "incomplete", suggestions: [] },
  ],
  invalid: [
    { name: "range that runs below C2", note: "Acquired ankylosis from C1 through C3 due to JIA.", verdict: "incomplete", suggestions: [{ code: "M43.22", relation: "additional" }] },
    { name: "separate lumbar ankylosis", note: "Spontaneous ankylosis of C1-C2 and of L3-L4 from DISH.", verdict: "incomplete", suggestions: [{ code: "M43.26", relation: "additional", evidence: ["L3-L4"] }] },
  ],
} satisfies RuleCases<RoutingCase>;
