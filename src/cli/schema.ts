/** `cdicheck schema`: the JSON Schema of the result, generated from the zod schema the code validates with. */
import type { Command } from "commander";
import { resultJsonSchema } from "../schema.js";

export function registerSchema(program: Command): void {
  program
    .command("schema")
    .description("print the JSON Schema of the result object")
    .action(() => {
      process.stdout.write(JSON.stringify(resultJsonSchema(), null, 2) + "\n");
    });
}
