import { check } from "./dist/check.js";
export default function (task) { const t = performance.now(); const r = JSON.stringify(check(task.text)); return performance.now() - t; }
