import type { RoutingCase, RuleCases } from "../../harness.js";

export default {
  rule: "dish",
  valid: [
    { name: "other cause", note: "C1-C2 ankylosis due to RA.", verdict: "incomplete", suggestions: [] },
  ],
  invalid: [
    { name: "DISH as the cause", note: "Atlantoaxial ankylosis due to diffuse idiopathic skeletal hyperostosis.", verdict: "incomplete", suggestions: [{ code: "M48.11", relation: "consider", evidence: ["diffuse idiopathic skeletal hyperostosis"] }] },
  ],
} satisfies RuleCases<RoutingCase>;
