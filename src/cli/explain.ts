/**
 * `cdicheck explain [CODE] [--format text|json|html]`: the code card (src/card/): the official title and
 * notes, sibling codes, the five elements, the routing pitfalls and the questions coders ask, each statement
 * with the official text or rule it rests on. Exit 0; 2 for a malformed or unknown code or a bad option.
 */
import type { Command } from "commander";
import { SUPPORTED_CODES } from "../check.js";
import { buildCard, MalformedCodeError, UnknownCodeError } from "../card/card.js";
import { renderCardPage } from "../reporters/card-html.js";
import { renderCardText } from "../reporters/card-text.js";
import { COLOR_RULE, useColor } from "./color.js";
import { stopQuietlyOnClosedPipe } from "./stdout.js";

const FORMATS = ["text", "json", "html"] as const;

export function registerExplain(program: Command): void {
  program
    .command("explain")
    .argument("[code]", "ICD-10-CM code (M43.20 to M43.28)", SUPPORTED_CODES[0])
    .description("print the code card: official text, pitfalls and answers to coders' questions, with citations")
    .option("--format <format>", `output format: ${FORMATS.join(", ")}`, "text")
    .option("--color", "colour the text even when standard output is not a terminal")
    .option("--no-color", "never colour the text")
    .addHelpText(
      "after",
      `
Every statement cites the official ICD-10-CM text it rests on (data/icd10cm/: a Tabular List code, block or
chapter with the note kind, an Index entry, or the Tabular List's introduction) or the cdicheck rule that
implements it; where nothing official in the repository decides a question it says so.

Colour (text only): ${COLOR_RULE}.

Exit codes:
  0  the card was printed
  2  a malformed or unknown code, or an unknown --format (message on standard error)

Examples:
  cdicheck explain
  cdicheck explain M43.22 --format json | jq '.questions[].short'
  cdicheck explain M43.21 --format html > card.html`,
    )
    .action((input: string, opts: { format: string; color?: boolean }) => {
      if (!(FORMATS as readonly string[]).includes(opts.format)) {
        process.stderr.write(`cdicheck explain: unknown --format "${opts.format}"; use ${FORMATS.join(", ")}\n`);
        process.exit(2);
      }
      let card;
      try {
        card = buildCard(input);
      } catch (err) {
        if (err instanceof MalformedCodeError || err instanceof UnknownCodeError) {
          process.stderr.write(`cdicheck explain: ${err.message}\n`);
          process.exit(2);
        }
        throw err;
      }
      stopQuietlyOnClosedPipe();
      if (opts.format === "json") process.stdout.write(JSON.stringify(card, null, 2) + "\n");
      else if (opts.format === "html") process.stdout.write(renderCardPage(card));
      else process.stdout.write(renderCardText(card, { color: useColor(opts.color) }));
    });
}

