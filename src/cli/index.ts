#!/usr/bin/env node
/** The cdicheck command line: one file per command, wired here. */
import { Command } from "commander";
import { registerCheck } from "./check.js";
import { registerContext } from "./context.js";
import { registerScan } from "./scan.js";
import { registerServe } from "./serve.js";
import { registerSchema } from "./schema.js";
import { registerDemo } from "./demo.js";

const program = new Command();
program
  .name("cdicheck")
  .description("Checks whether a clinical note supports ICD-10-CM M43.21, with the evidence and the gaps.")
  .version("0.1.0")
  .showHelpAfterError();

registerCheck(program);
registerContext(program);
registerScan(program);
registerServe(program);
registerSchema(program);
registerDemo(program);

program.exitOverride((err) => {
  // commander's own usage errors (unknown option, missing argument) are exit 2 per the contract.
  process.exit(err.exitCode === 0 ? 0 : 2);
});

await program.parseAsync(process.argv);
