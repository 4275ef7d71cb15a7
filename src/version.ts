/** The package's version, as `cdicheck --version` prints it (src/ and dist/ both sit one level below package.json). */
import { readFileSync } from "node:fs";

export const VERSION: string = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
