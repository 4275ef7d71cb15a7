/** `cdicheck scan`: being built on its own branch (see the issue); this placeholder only registers the name. */
import type { Command } from "commander";

export function registerScan(program: Command): void {
  program
    .command("scan")
    .description("(not built yet)")
    .allowUnknownOption()
    .action(() => {
      process.stderr.write("cdicheck scan: not built yet\n");
      process.exit(2);
    });
}
