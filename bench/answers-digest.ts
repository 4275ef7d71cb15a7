/**
 * Writes tests/fixtures/answers/digest.json: the digests of check()'s answers on the corpus and MTSamples
 * (bench/lib/answers.ts). Run it only when a change of answers is meant; tests/answers-digest.test.ts fails
 * on any other change.
 *
 *   npx tsx bench/answers-digest.ts
 */
import { writeFileSync } from "node:fs";
import { computeDigests, DIGEST_FILE } from "./lib/answers.js";

const digests = computeDigests();
if (!digests.mtsamples) throw new Error("MTSamples export not found (bench/lib/external.ts): the digest file must cover it");
writeFileSync(DIGEST_FILE, JSON.stringify(digests, null, 1) + "\n");
for (const [name, d] of Object.entries(digests)) console.log(`${name}: ${d.notes} notes, code ${d.code}, ${d.sha256}`);
