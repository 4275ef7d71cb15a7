/**
 * How many cores a shared machine actually gives two busy threads right now: the same fixed CPU-bound loop
 * run in one worker thread, then in two at once. On an idle 2-core machine two threads do about 2.0x the work
 * of one per unit of time; when other processes hold the cores, less (1.0x: the two threads share one core).
 * The scan benchmark runs this before each scan, so a scaling figure comes with the cores it had.
 */
import { Worker } from "node:worker_threads";

const LOOP = `const { parentPort, workerData } = require("node:worker_threads");
let x = 0;
const t = performance.now();
for (let i = 0; i < workerData; i++) x = (x + i * 7) % 1000003;
parentPort.postMessage(performance.now() - t + (x < 0 ? 1 : 0));`;

function loops(threads: number, iterations: number): Promise<number[]> {
  return Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<number>((resolve, reject) => {
          const w = new Worker(LOOP, { eval: true, workerData: iterations });
          w.once("message", (ms: number) => {
            resolve(ms);
            void w.terminate();
          });
          w.once("error", reject);
        }),
    ),
  );
}

/** Two threads' work per unit of time over one thread's (about 2 on two free cores); `iterations` sets the length (3e8: about 1 s a thread). */
export async function coresAvailable(iterations = 3e8): Promise<{ ratio: number; oneMs: number; twoMs: number[] }> {
  const [oneMs] = await loops(1, iterations);
  const twoMs = await loops(2, iterations);
  return { ratio: (2 * oneMs!) / Math.max(...twoMs), oneMs: oneMs!, twoMs };
}
