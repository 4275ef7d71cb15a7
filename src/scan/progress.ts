/**
 * Progress on a terminal (cli-progress, on stderr): notes done, notes/s, ETA (from the bytes read against
 * the inputs' size), errors so far; for standard input, whose size is unknown, notes, rate and errors only.
 * Silent when stderr is not a TTY or with --quiet.
 */
import cliProgress from "cli-progress";

export interface Progress {
  update(doneBytes: number, notes: number, errors: number): void;
  stop(): void;
}

const SILENT: Progress = { update: () => {}, stop: () => {} };

export function startProgress(totalBytes: number | null, enabled: boolean): Progress {
  if (!enabled) return SILENT;
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format:
        totalBytes === null
          ? "scan | {notes} notes | {rate} notes/s | {errors} errors"
          : "scan [{bar}] {percentage}% | {notes} notes | {rate} notes/s | ETA {eta_formatted} | {errors} errors",
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(Math.max(totalBytes ?? 0, 1), 0, { notes: 0, rate: 0, errors: 0 });
  let last = 0;
  return {
    update(doneBytes, notes, errors) {
      const now = Date.now();
      // Rates and ETA mean little in the first half second (worker start-up): wait for real figures.
      if (now - last < 100 || now - started < 500) return;
      last = now;
      const rate = Math.round(notes / Math.max((now - started) / 1000, 0.001));
      bar.update(totalBytes === null ? 0 : doneBytes, { notes, rate, errors });
    },
    stop() {
      bar.stop();
    },
  };
}
