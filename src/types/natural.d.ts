// natural ships types for its top-level entry only; the project imports submodules (the top-level entry
// loads database clients and dotenv), so the one submodule used is declared here.
declare module "natural/lib/natural/distance/jaro-winkler_distance.js" {
  export default function JaroWinklerDistance(s1: string, s2: string, options?: { dj?: number; ignoreCase?: boolean }): number;
}
