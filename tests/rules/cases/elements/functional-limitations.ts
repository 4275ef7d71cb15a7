import type { ElementCase, RuleCases } from "../../harness.js";

export default {
  rule: "functional_limitations",
  valid: [
    { name: "limited rotation", note: "Cervical rotation limited to 20 degrees.", status: "present", evidence: ["rotation limited to 20 degrees"] },
    { name: "myelopathy", note: "Exam consistent with early cervical myelopathy.", status: "present", evidence: ["cervical myelopathy"] },
    { name: "cannot turn the head", note: "She is unable to turn her head when driving.", status: "present", evidence: ["unable to turn her head"] },
  ],
  invalid: [
    { name: "negated", note: "No myelopathy or radiculopathy.", status: "missing" },
    { name: "hypothetical", note: "Return if radiculopathy develops.", status: "missing" },
    { name: "nothing recorded", note: "Neck pain, well controlled.", status: "missing" },
  ],
} satisfies RuleCases<ElementCase>;
