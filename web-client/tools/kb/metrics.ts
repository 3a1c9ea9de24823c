// Ranking metrics over graded judgements: nDCG with the exponential gain
// 2^grade − 1 and a log2(rank + 1) discount; grade ≥ 1 counts as relevant for
// MRR and recall.

export type Grades = ReadonlyMap<string, number>;

const gain = (grade: number): number => 2 ** grade - 1;

export function ndcg(ranking: readonly string[], grades: Grades, k: number): number {
  let dcg = 0;
  ranking.slice(0, k).forEach((id, i) => {
    dcg += gain(grades.get(id) ?? 0) / Math.log2(i + 2);
  });
  const ideal = [...grades.values()].sort((a, b) => b - a).slice(0, k);
  const idcg = ideal.reduce((sum, g, i) => sum + gain(g) / Math.log2(i + 2), 0);
  return idcg === 0 ? 0 : dcg / idcg;
}

export function reciprocalRank(ranking: readonly string[], grades: Grades, k: number): number {
  const i = ranking.slice(0, k).findIndex((id) => (grades.get(id) ?? 0) > 0);
  return i < 0 ? 0 : 1 / (i + 1);
}

export function recall(ranking: readonly string[], grades: Grades, k: number): number {
  const relevant = [...grades.values()].filter((g) => g > 0).length;
  if (relevant === 0) return 0;
  return ranking.slice(0, k).filter((id) => (grades.get(id) ?? 0) > 0).length / relevant;
}
