import type { RoutingCase, RuleCases } from "../../harness.js";

export default {
  rule: "other-region-only",
  valid: [
    { name: "the region itself is fused", note: "Spontaneous C1-C2 ankylosis.", verdict: "incomplete", suggestions: [] },
    { name: "surgical fusion below C2", note: "S/p C5-C6 ACDF with plate.", verdict: "not_documented", suggestions: [] },
    { name: "surgical lumbar fusion", note: "History of L4-L5 TLIF in 2018, doing well.", verdict: "not_documented", suggestions: [] },
    { name: "a planned lumbar fusion", note: "Plan: L4-L5 fusion next month.", verdict: "not_documented", suggestions: [] },
    { name: "ankylosing spondylitis fused only the sacroiliac joints (M43.2 Excludes1 AS)", note: "AS, HLA-B27 positive. Pelvis XR: both SI joints completely fused. C1-C2 normal, no fusion.", verdict: "not_documented", suggestions: [] },
    { name: "an operated spine: a fused lumbar spine of unstated origin is the operation's", note: "S/p T10-L5 posterior spinal fusion (2020). Her fused lumbar spine limits hip motion.", verdict: "not_documented", suggestions: [] },
    { name: "'he has had a lumbar fusion': a bare fusion with nothing acquired about it is an operation", note: "PAST MEDICAL HISTORY: He has had a lumbar fusion. Heart disease.", verdict: "not_documented", suggestions: [] },
    { name: "a fusion only seen as an appearance elsewhere (SPEC section 5's own example)", note: "It appeared that the C5-C6 disk area had fused spontaneously.", verdict: "not_documented", suggestions: [] },
    { name: "a sacroiliac fusion that is negated", note: "CT pelvis: no ankylosis of the sacroiliac joints.", verdict: "not_documented", suggestions: [] },
    { name: "checked for M43.26: the lumbar ankylosis is the region itself", code: "M43.26", note: "Lumbar CT: spontaneous ankylosis of L3-L4 with bridging bone, no prior surgery.", verdict: "supported", suggestions: [] },
    { name: "checked for M43.20: a fusion of the spine with no site stays on M43.20", code: "M43.20", note: "Acquired spinal ankylosis due to DISH; CT shows bony bridging.", verdict: "incomplete", suggestions: [] },
  ],
  invalid: [
    { name: "acquired C3-C4 fusion", note: "CT: spontaneous bony fusion of C3-C4 from RA; C1-C2 preserved.", verdict: "redirect", suggestions: [{ code: "M43.22", relation: "instead", evidence: ["C3-C4"] }] },
    { name: "acquired C7-T1 fusion", note: "Ankylosis of C7-T1 due to DISH.", verdict: "redirect", suggestions: [{ code: "M43.23", relation: "instead" }] },
    { name: "acquired thoracic fusion", note: "CT: bridging osteophytes with bony fusion of T7-T8 and T8-T9 (DISH).", verdict: "redirect", suggestions: [{ code: "M43.24", relation: "instead" }] },
    { name: "acquired lumbar ankylosis", note: "Lumbar CT: spontaneous ankylosis of L3-L4 with bridging bone, no prior surgery.", verdict: "redirect", suggestions: [{ code: "M43.26", relation: "instead", evidence: ["L3-L4"] }] },
    { name: "acquired L5-S1 fusion", note: "X-ray: L5-S1 has fused spontaneously.", verdict: "redirect", suggestions: [{ code: "M43.27", relation: "instead" }] },
    { name: "acquired sacroiliac ankylosis", note: "Pelvic CT: bony ankylosis of the right sacroiliac joint after septic sacroiliitis.", verdict: "redirect", suggestions: [{ code: "M43.28", relation: "instead", evidence: ["sacroiliac joint"] }] },
    { name: "a bare fusion a study shows is a finding", note: "Axial: bilateral SI joint fusion on pelvic XR. C1-C2 normal, no fusion.", verdict: "redirect", suggestions: [{ code: "M43.28", relation: "instead" }] },
    { name: "two other regions", note: "CT: spontaneous C4-C5 fusion and L2-L3 ankylosis; C1-C2 normal.", verdict: "redirect", suggestions: [{ code: "M43.22", relation: "instead" }, { code: "M43.26", relation: "additional" }] },
    { name: "checked for M43.26: an acquired C1-C2 ankylosis is M43.21", code: "M43.26", note: "Spontaneous C1-C2 ankylosis from RA; CT shows bony bridging at C1-C2.", verdict: "redirect", suggestions: [{ code: "M43.21", relation: "instead", evidence: ["C1-C2"] }] },
    { name: "checked for M43.24: an acquired sacroiliac fusion is M43.28 by the Index", code: "M43.24", note: "Assessment: acquired fusion of the left sacroiliac joint. CT pelvis shows complete osseous bridging across the left SI joint.", verdict: "redirect", suggestions: [{ code: "M43.28", relation: "instead" }] },
    { name: "checked for M43.20: the site is stated, so the region's code", code: "M43.20", note: "Spontaneous fusion of L5-S1 due to degenerative disease. Radiograph shows osseous fusion across the L5-S1 disc space.", verdict: "redirect", suggestions: [{ code: "M43.27", relation: "instead" }] },
  ],
} satisfies RuleCases<RoutingCase>;
