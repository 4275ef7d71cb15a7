/**
 * A reader that stops early (`cdicheck check *.txt | head`, quitting `less`) closes the pipe; the next
 * write fails with EPIPE. That is not an error of the command: stop quietly, as `scan` does, instead of
 * printing a stack trace.
 */
export function stopQuietlyOnClosedPipe(): void {
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
    throw err;
  });
}
