import type { RoutingCase, RuleCases } from "../../harness.js";

export default {
  rule: "cervical-below-c2",
  valid: [
    { name: "the region itself is fused", note: "Spontaneous C1-C2 ankylosis.", verdict: "incomplete", suggestions: [] },
    { name: "surgical fusion below C2", note: "S/p C5-C6 ACDF with plate.", verdict: "not_documented", suggestions: [] },
  ],
  invalid: [
    { name: "acquired C3-C4 fusion", note: "CT: spontaneous bony fusion of C3-C4 from RA; C1-C2 preserved.", verdict: "redirect", suggestions: [{ code: "M43.22", relation: "instead", evidence: ["C3-C4"] }] },
    { name: "acquired C7-T1 fusion", note: "Ankylosis of C7-T1 due to DISH.", verdict: "redirect", suggestions: [{ code: "M43.23", relation: "instead" }] },
  ],
} satisfies RuleCases<RoutingCase>;
