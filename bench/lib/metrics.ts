/** Precision, recall and F1, shared by the corpus and NegEx evaluations. */
export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export function prf(tp: number, fp: number, fn: number): Prf {
  // With nothing to find and nothing found, the score is perfect (not 0/0).
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}
