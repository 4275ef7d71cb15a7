/** Element `functional_limitations`: affirmed limitations (loss of rotation or flexion-extension, myelopathy, radiculopathy). */
import type { ElementRule } from "../types.js";
import { isAffirmed } from "../../pipeline/mentions.js";
import { quoteList } from "../select.js";

export const functionalLimitations: ElementRule = {
  meta: {
    id: "functional_limitations",
    description: "Records affirmed functional limitations: loss of rotation or flexion-extension, myelopathy, radiculopathy.",
    required: false,
    criteria: {
      present: "records limitations as facts: lost rotation or flexion-extension, myelopathy, radiculopathy",
      partial: null,
    },
    messages: {
      present: "Functional limitations are recorded: {quote}.",
      missing: "No functional limitation (loss of rotation or flexion-extension, myelopathy, radiculopathy) is recorded.",
    },
  },
  check(facts) {
    const found = facts.mentions.filter((m) => m.type === "limitation" && isAffirmed(m));
    if (found.length) {
      return { status: "present", evidence: found.slice(0, 6), messageId: "present", data: { quote: quoteList(facts.text, found, 3) } };
    }
    return { status: "missing", evidence: [], messageId: "missing" };
  },
};
