import type { RoutingCase, RuleCases } from "../../harness.js";

export default {
  rule: "klippel-feil",
  valid: [
    { name: "no syndrome named", note: "Acquired C1-C2 ankylosis due to RA; CT shows bony bridging.", verdict: "supported", suggestions: [] },
    { name: "syndrome negated", note: "C1-C2 fusion from RA. No features of Klippel-Feil syndrome. CT confirms bony bridging at C1-C2.", verdict: "supported", suggestions: [] },
    { name: "a congenital fusion below C2 without the syndrome", note: "Congenital C2-C3 block vertebra; C1-C2 normal.", verdict: "not_documented", suggestions: [] },
    { name: "checked for M43.26: Klippel-Feil of the neck does not touch an acquired lumbar ankylosis", code: "M43.26", note: "History of Klippel-Feil syndrome (C2-C3 block). Lumbar CT: spontaneous ankylosis of L3-L4 from DISH with bridging bone.", verdict: "supported", suggestions: [] },
  ],
  invalid: [
    { name: "syndrome fusion only below C2 (SPEC row 3: any cervical level)", note: "Klippel-Feil syndrome with congenital C2-C3 fusion only; C1-C2 normal.", verdict: "redirect", suggestions: [{ code: "Q76.1", relation: "instead", evidence: ["Klippel-Feil syndrome"] }] },
    { name: "syndrome at C5-C6 on MRI", note: "MRI: congenital fusion of C5-C6 in keeping with Klippel-Feil syndrome. Craniocervical junction normal.", verdict: "redirect", suggestions: [{ code: "Q76.1", relation: "instead" }] },
    { name: "syndrome with fusion of the region", note: "Klippel-Feil syndrome: congenital fusion of C1-C2 on CT.", verdict: "redirect", suggestions: [{ code: "Q76.1", relation: "instead", evidence: ["Klippel-Feil syndrome"] }] },
    { name: "checked for M43.22: Klippel-Feil fusion at C2-C3", code: "M43.22", note: "Klippel-Feil syndrome with congenital fusion of C2-C3.", verdict: "redirect", suggestions: [{ code: "Q76.1", relation: "instead" }] },
  ],
} satisfies RuleCases<RoutingCase>;
