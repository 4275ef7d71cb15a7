/** `cdicheck context`: being built on its own branch (see the issue); this placeholder only registers the name. */
import type { Command } from "commander";

export function registerContext(program: Command): void {
  program
    .command("context")
    .description("(not built yet)")
    .allowUnknownOption()
    .action(() => {
      process.stderr.write("cdicheck context: not built yet\n");
      process.exit(2);
    });
}
