import type { RoutingCase, RuleCases } from "../../harness.js";

export default {
  rule: "surgical-fusion",
  valid: [
    { name: "surgery only at other levels", note: "S/p ACDF C5-C6 in 2018.", verdict: "not_documented", suggestions: [] },
    { name: "surgery planned only", note: "Plan: posterior C1-C2 fusion next month.", verdict: "not_documented", suggestions: [] },
    {
      name: "the operation named again after a sentence about other levels stays the operation",
      note: "Post anterior cervical discectomy and fusion at C4-C5 and C5-C6. There were annular bulges at C3-C4 and C6-C7. The CT scan revealed that the fusion was not fully solid.",
      verdict: "not_documented",
      suggestions: [],
    },
    {
      name: "an arthrodesis offered only as one possible origin affirms no arthrodesis status",
      note: "CT: solid bony fusion of C1 to C2 with no residual joint spaces. Assessment: C1-C2 fusion of uncertain origin. It could be an old posterior C1-C2 arthrodesis done without hardware, or a post-traumatic ankylosis after the childhood injury.",
      verdict: "incomplete",
      suggestions: [],
    },
    {
      name: "a possible prior fusion operation is no Z98.1 either",
      note: "CT: bony fusion across C1-C2. He may have had a C1-C2 arthrodesis as a child; no records. Rotation limited to 20 degrees.",
      verdict: "incomplete",
      suggestions: [],
    },
    {
      name: "a study 'performed' on a date is no operation",
      note: "CT of the cervical spine performed 11 Feb 2025 demonstrated bony ankylosis of C1-C2, attributed to her rheumatoid arthritis. Rotation restricted.",
      verdict: "supported",
      suggestions: [],
    },
  ],
  invalid: [
    {
      name: "another joint of the region set apart from the operation: Z98.1 additional (SPEC section 5)",
      note: "S/p posterior C1-C2 fusion in 2017. CT: separate from the old surgical level, both atlanto-occipital joints are now ankylosed, with bony bridging from the occipital condyles to C1.",
      verdict: "incomplete",
      suggestions: [{ code: "Z98.1", relation: "additional" }],
    },
    {
      name: "a congenital indication after 'for' leaves the fusion surgical",
      note: "S/p posterior C1-C2 fusion (Brooks wiring and graft, 2023) for os odontoideum. CT today: solid fusion.",
      verdict: "redirect",
      suggestions: [{ code: "Z98.1", relation: "instead" }],
    },
    { name: "s/p occipitocervical fusion", note: "S/p occipitocervical fusion (O-C2) in 2019 for instability.", verdict: "redirect", suggestions: [{ code: "Z98.1", relation: "instead", evidence: ["S/p", "fusion"] }] },
    { name: "listed under past surgical history", note: "PAST SURGICAL HISTORY: C1-C2 fusion.", verdict: "redirect", suggestions: [{ code: "Z98.1", relation: "instead" }] },
    { name: "checked for M43.26: an operated lumbar fusion is arthrodesis status", code: "M43.26", note: "S/p L4-L5 TLIF in 2019, solid fusion on CT.", verdict: "redirect", suggestions: [{ code: "Z98.1", relation: "instead" }] },
  ],
} satisfies RuleCases<RoutingCase>;
