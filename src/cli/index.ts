#!/usr/bin/env node
/** The cdicheck command line: one file per command, wired here. */
import { Command } from "commander";
import { VERSION as version } from "../version.js";

const program = new Command();
program
  .name("cdicheck")
  .description("Checks whether a clinical note supports ICD-10-CM M43.21 (or another code of M43.2-, --code), with the evidence and the gaps.")
  .version(version, "-V, --version", "print the version and exit")
  .showHelpAfterError()
  .addHelpText(
    "after",
    `
Exit codes:
  check   0 every note supported, 1 any note not supported, 2 a usage or input error
          ('cdicheck help check' has the details)
  scan    0 every record checked, 3 some records could not be checked, 2 a usage error,
          130 interrupted (docs/scan.md)
  explain 0 the card was printed, 2 a malformed or unknown code
  worker  0 stopped by SIGTERM/SIGINT, 1 Redis unreachable, 2 a usage error
  enqueue 0 enqueued (--wait: as collect), 1 Redis unreachable, 2 a usage error
  collect 0 every record checked, 3 some error rows, 1 Redis unreachable or --timeout
          passed with results missing, 2 a usage error or an unknown run (docs/queue.md)
  others  0 on success, 2 for a usage error`,
  )
  // Usage errors (unknown option, missing argument) are exit 2 per the contract; set before the
  // commands are added so each command inherits it.
  .exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });

// Only the command named is imported when it is one: each command module pulls in what it needs (the
// checker, fastify and the server for `serve`, the schemas), and `check` on one note should not pay for
// loading the server (about 0.35 s of a 1.2 s start on the 2-core project machine, README: Performance).
// `scan` keeps the checker out of its main thread this way too (only its worker threads load it): ~1.3 s
// faster start, ~30 MB less peak RSS; and `check` does not load the scan's readers and writers (csv-parse,
// csv-stringify, entities, cli-progress, tinyglobby: about 40 ms of a 0.57 s start). Anything else (no
// command, --help, `help`, a typo) loads them all, in the order `--help` lists them.
type Register = (program: Command) => void;
const COMMANDS: [string, () => Promise<Register>][] = [
  ["check", async () => (await import("./check.js")).registerCheck],
  ["context", async () => (await import("./context.js")).registerContext],
  ["scan", async () => (await import("./scan.js")).registerScan],
  ["serve", async () => (await import("./serve.js")).registerServe],
  ["schema", async () => (await import("./schema.js")).registerSchema],
  ["demo", async () => (await import("./demo.js")).registerDemo],
  ["explain", async () => (await import("./explain.js")).registerExplain],
  ["worker", async () => (await import("./queue.js")).registerQueue],
  ["enqueue", async () => (await import("./queue.js")).registerQueue],
  ["collect", async () => (await import("./queue.js")).registerQueue],
];
const named = COMMANDS.find(([name]) => name === process.argv[2]);
// A module that registers several commands (the queue's worker, enqueue and collect) is listed once per command
// and registered once.
for (const register of new Set(await Promise.all((named ? [named] : COMMANDS).map(([, load]) => load())))) register(program);

await program.parseAsync(process.argv);
