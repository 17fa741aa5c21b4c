/**
 * The answers the bench submits, shared by `npm run bench` and `bench:profile` so a profile measures the
 * submit the table judges: most students calm, one in four moderate (a tier to review), and about one in
 * fifty answering PHQ-A item 9 with "more than half the days", so the crisis path runs under load too.
 */
const CALM = { phqa: [0, 1, 0, 1, 0, 0, 1, 0, 0], gad7: [0, 1, 0, 1, 0, 1, 0], asq: [0, 0, 0, 0, null] };
const MODERATE = { phqa: [2, 1, 2, 1, 2, 1, 1, 2, 0], gad7: [1, 2, 1, 2, 1, 2, 1], asq: [0, 0, 0, 0, null] };
const CRISIS = { phqa: [1, 2, 1, 2, 1, 1, 1, 1, 2], gad7: [1, 1, 1, 1, 1, 1, 1], asq: [0, 0, 0, 0, null] };

export type BenchAnswers = typeof CALM;

/** A fresh sequence of answer sets in the bench's mix; `calmOnly` gives the calm one every time. */
export function answerMix(calmOnly = false): () => BenchAnswers {
  let turn = 0;
  return () => {
    if (calmOnly) return CALM;
    const n = turn++ % 50;
    return n === 0 ? CRISIS : n % 4 === 0 ? MODERATE : CALM;
  };
}
