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
  .showHelpAfterError()
  // Usage errors (unknown option, missing argument) are exit 2 per the contract; set before the
  // commands are added so each command inherits it.
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

registerCheck(program);
registerContext(program);
registerScan(program);
registerServe(program);
registerSchema(program);
registerDemo(program);

await program.parseAsync(process.argv);
