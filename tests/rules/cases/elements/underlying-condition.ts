import type { ElementCase, RuleCases } from "../../harness.js";

export default {
  rule: "underlying_condition",
  valid: [
    { name: "condition tied with 'due to'", note: "C1-C2 ankylosis due to juvenile idiopathic arthritis.", status: "present", evidence: ["juvenile idiopathic arthritis"] },
    { name: "none found is stated", note: "Spontaneous C1-C2 fusion; no underlying cause identified after workup.", status: "present", evidence: ["no underlying cause identified"] },
  ],
  invalid: [
    { name: "named but not tied", note: "History: seropositive rheumatoid arthritis.\nCT: C1-C2 ankylosis.", status: "partial", evidence: ["seropositive rheumatoid arthritis"], query: true },
    { name: "tie hedged", note: "C1-C2 ankylosis likely related to DISH.", status: "partial" },
    { name: "no condition named", note: "C1-C2 ankylosis on CT.", status: "missing" },
  ],
} satisfies RuleCases<ElementCase>;
