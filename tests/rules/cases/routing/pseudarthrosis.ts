import type { RoutingCase, RuleCases } from "../../harness.js";

export default {
  rule: "pseudarthrosis",
  valid: [
    { name: "pseudarthrosis negated", note: "S/p C1-C2 arthrodesis; solid fusion, no pseudarthrosis.", verdict: "redirect", suggestions: [] },
    { name: "a fracture nonunion is no failed fusion", note: "Prior C1-C2 fusion in 2015 for odontoid nonunion. CT: solid fusion.", verdict: "redirect", suggestions: [] },
  ],
  invalid: [
    { name: "failed surgical fusion", note: "CT after posterior C1-C2 fusion: pseudarthrosis at C1-C2 with screw loosening.", verdict: "redirect", suggestions: [{ code: "Z98.1", relation: "instead" }, { code: "M96.0", relation: "additional", evidence: ["pseudarthrosis"] }] },
  ],
} satisfies RuleCases<RoutingCase>;
