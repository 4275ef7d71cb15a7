/** `cdicheck demo`: checks the bundled sample notes and prints the text report (what `npm start` runs). */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { check } from "../check.js";
import { renderText } from "../reporters/text.js";
import { COLOR_RULE, useColor } from "./color.js";
import { stopQuietlyOnClosedPipe } from "./stdout.js";

export const SAMPLES_DIR = fileURLToPath(new URL("../../samples/", import.meta.url));

export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("check the bundled sample notes and print the reports")
    .option("--color", "colour the reports even when standard output is not a terminal")
    .option("--no-color", "never colour the reports")
    .addHelpText("after", `\nColour: ${COLOR_RULE}.`)
    .action((opts: { color?: boolean }) => {
      const color = useColor(opts.color);
      stopQuietlyOnClosedPipe();
      for (const name of readdirSync(SAMPLES_DIR).filter((f) => f.endsWith(".txt")).sort()) {
        const text = readFileSync(SAMPLES_DIR + name, "utf8");
        process.stdout.write(`\n=== samples/${name} ===\n`);
        process.stdout.write(renderText(check(text), text, { color }));
      }
    });
}
