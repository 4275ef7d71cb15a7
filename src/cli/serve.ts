/** `cdicheck serve`: being built on its own branch (see the issue); this placeholder only registers the name. */
import type { Command } from "commander";

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("(not built yet)")
    .allowUnknownOption()
    .action(() => {
      process.stderr.write("cdicheck serve: not built yet\n");
      process.exit(2);
    });
}
