import type { RoutingCase, RuleCases } from "../../harness.js";

export default {
  rule: "dish",
  valid: [
    { name: "other cause", note: "C1-C2 ankylosis due to RA.", verdict: "incomplete", suggestions: [] },
  ],
  invalid: [
    { name: "DISH as the cause", note: "Atlantoaxial ankylosis due to diffuse idiopathic skeletal hyperostosis.", verdict: "incomplete", suggestions: [{ code: "M48.11", relation: "consider", evidence: ["diffuse idiopathic skeletal hyperostosis"] }] },
    { name: "checked for M43.24: DISH of the thoracic region is M48.14", code: "M43.24", note: "Acquired ankylosis T5-T8 from DISH, non-surgical. CT thoracic spine: bridging T5-T8 with osseous fusion.", verdict: "supported", suggestions: [{ code: "M48.14", relation: "consider" }] },
  ],
} satisfies RuleCases<RoutingCase>;
