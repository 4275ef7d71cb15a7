import type { RoutingCase, RuleCases } from "../../harness.js";

export default {
  rule: "psoriatic-arthritis",
  valid: [
    { name: "other cause", note: "C1-C2 ankylosis due to RA.", verdict: "incomplete", suggestions: [] },
    { name: "psoriasis named, not tied", note: "Plaque psoriasis on the elbows. CT: spontaneous C1-C2 ankylosis.", verdict: "supported", suggestions: [] },
    { name: "psoriatic arthritis of the fingers, fusion negated", note: "Psoriatic arthritis of the DIP joints. CT: no C1-C2 fusion.", verdict: "not_documented", suggestions: [] },
  ],
  invalid: [
    { name: "psoriatic arthritis as the cause", note: "Atlantoaxial ankylosis due to psoriatic arthritis.", verdict: "incomplete", suggestions: [{ code: "L40.53", relation: "consider", evidence: ["psoriatic arthritis"] }] },
    { name: "a hedged psoriatic cause still makes the case", note: "C1-C2 ankylosis, probably from her psoriatic arthritis.", verdict: "incomplete", suggestions: [{ code: "L40.53", relation: "consider" }] },
    { name: "PsA-related, written as a modifier", note: "CT: PsA-related bony ankylosis of C1-C2.", verdict: "supported", suggestions: [{ code: "L40.53", relation: "consider" }] },
  ],
} satisfies RuleCases<RoutingCase>;
