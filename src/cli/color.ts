/**
 * Whether the text report is coloured. The first of these that says something decides:
 *   1. --color / --no-color on the command line;
 *   2. FORCE_COLOR: set to anything but "0" or "false" turns colour on, "0" or "false" off (as in Node);
 *   3. NO_COLOR: set to any non-empty value turns colour off (https://no-color.org);
 *   4. otherwise colour when standard output is a terminal and TERM is not "dumb".
 *
 * The colouring itself is picocolors (src/reporters/text.ts, `createColors(on)`); only this decision is
 * ours, because the libraries' own decide otherwise (measured, Node 20, standard output piped):
 * picocolors' `isColorSupported` turns colour on for FORCE_COLOR=0 and FORCE_COLOR=false and for CI=true,
 * and reads process.argv itself; Node's `tty.WriteStream#getColorDepth` treats an empty NO_COLOR as set
 * (no-color.org: only a non-empty value) and prints a warning on standard error when FORCE_COLOR and
 * NO_COLOR are both set.
 */
export const COLOR_RULE =
  "--color or --no-color; else FORCE_COLOR (colour unless it is 0 or false); else NO_COLOR (any non-empty value: no colour); " +
  "else colour only when standard output is a terminal";

export function useColor(
  flag: boolean | undefined,
  env: NodeJS.ProcessEnv = process.env,
  stream: { isTTY?: boolean } = process.stdout,
): boolean {
  if (flag !== undefined) return flag;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !(force === "0" || force.toLowerCase() === "false");
  if (env.NO_COLOR) return false;
  return Boolean(stream.isTTY) && env.TERM !== "dumb";
}
