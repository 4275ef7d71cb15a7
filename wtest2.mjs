import { Piscina } from "piscina";
import { readFileSync } from "node:fs";
const rows = readFileSync("/tmp/mt.jsonl.in", "utf8").trim().split("\n").map((l) => JSON.parse(l).text).filter((t) => t && t.trim());
for (const jobs of [1, 2]) {
  const pool = new Piscina({ filename: new URL("./wtime.mjs", import.meta.url).href, minThreads: jobs, maxThreads: jobs, concurrentTasksPerWorker: 8 });
  const t0 = performance.now(); const times = new Array(rows.length);
  await Promise.all(rows.map((text, i) => pool.run({ text }).then((ms) => (times[i] = ms))));
  const wall = performance.now() - t0;
  const avg = (from, to) => (times.slice(from, to).reduce((x, y) => x + y, 0) / (to - from)).toFixed(2);
  console.log(`jobs ${jobs}: wall ${wall.toFixed(0)} ms, ${Math.round(rows.length / wall * 1000)} notes/s; in-worker ms/note first 500 ${avg(0, 500)}, middle ${avg(2000, 2500)}, last 500 ${avg(rows.length - 500, rows.length)}`);
  await pool.destroy();
}
