import type { RoutingCase, RuleCases } from "../../harness.js";

export default {
  rule: "ankylosing-spondylitis",
  valid: [
    { name: "ankylosing spondylitis in a relative", note: "Father has ankylosing spondylitis. Patient: C1-C2 ankylosis due to RA.", verdict: "incomplete", suggestions: [] },
  ],
  invalid: [
    { name: "at the region only", note: "C1-C2 ankylosis due to ankylosing spondylitis; CT shows bony bridging.", verdict: "redirect", suggestions: [{ code: "M45.1", relation: "instead", evidence: ["ankylosing spondylitis"] }] },
    {
      name: "juvenile ankylosing spondylitis",
      note: "17M, HLA-B27 positive. CT: C1-C2 bony ankylosis due to juvenile ankylosing spondylitis.",
      verdict: "redirect",
      suggestions: [{ code: "M08.1", relation: "instead", evidence: ["juvenile ankylosing spondylitis"] }],
    },
    {
      name: "the spine named without extent is this region only",
      note: "Impression: C1-C2 ankylosis attributable to ankylosing spondylitis; involvement of the imaged spine is limited to C1-C2.",
      verdict: "redirect",
      suggestions: [{ code: "M45.1", relation: "instead" }],
    },
    {
      name: "a tie to 'the spondylitis' stands for the juvenile AS named before",
      note: "Diagnosis: juvenile ankylosing spondylitis. Assessment: C1-C2 ankylosis caused by the spondylitis.",
      verdict: "redirect",
      suggestions: [{ code: "M08.1", relation: "instead" }],
    },
    { name: "juvenile AS written short", note: "Assessment: juvenile AS with atlantoaxial ankylosis due to JAS.", verdict: "redirect", suggestions: [{ code: "M08.1", relation: "instead" }] },
    { name: "several regions, 'multilevel spinal'", note: "Multilevel spinal ankylosis from ankylosing spondylitis, including C1-C2.", verdict: "redirect", suggestions: [{ code: "M45.0", relation: "instead" }] },
    { name: "several regions", note: "Ankylosis from the occiput through T12 due to ankylosing spondylitis.", verdict: "redirect", suggestions: [{ code: "M45.0", relation: "instead" }] },
    { name: "checked for M43.26: AS of the lumbar region is M45.6", code: "M43.26", note: "Ankylosing spondylitis with ankylosis of L2-L3 and L3-L4; CT bony bridging L2-L4.", verdict: "redirect", suggestions: [{ code: "M45.6", relation: "instead" }] },
    { name: "checked for M43.24: AS with thoracic and lumbar ankylosis is M45.0", code: "M43.24", note: "Ankylosing spondylitis with ankylosis of T8-T9 and of the lumbar spine; CT bony bridging T8-T9.", verdict: "redirect", suggestions: [{ code: "M45.0", relation: "instead" }] },
  ],
} satisfies RuleCases<RoutingCase>;
