package fi.matala.kb.eval;

import java.util.List;
import java.util.Map;

/**
 * Ranking metrics over graded judgements. nDCG uses the exponential gain 2^grade − 1 and a
 * log2(rank + 1) discount; anything with grade ≥ 1 counts as relevant for MRR and recall.
 */
public final class Metrics {

    private Metrics() {
    }

    public static double ndcg(List<String> ranking, Map<String, Integer> grades, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            dcg += gain(grades.getOrDefault(ranking.get(i), 0)) / log2(i + 2);
        }
        List<Integer> ideal = grades.values().stream().sorted((a, b) -> b - a).toList();
        double idcg = 0;
        for (int i = 0; i < Math.min(k, ideal.size()); i++) {
            idcg += gain(ideal.get(i)) / log2(i + 2);
        }
        return idcg == 0 ? 0 : dcg / idcg;
    }

    public static double reciprocalRank(List<String> ranking, Map<String, Integer> grades, int k) {
        for (int i = 0; i < Math.min(k, ranking.size()); i++) {
            if (grades.getOrDefault(ranking.get(i), 0) > 0) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    public static double recall(List<String> ranking, Map<String, Integer> grades, int k) {
        long relevant = grades.values().stream().filter(g -> g > 0).count();
        if (relevant == 0) {
            return 0;
        }
        long found = ranking.stream().limit(k).filter(id -> grades.getOrDefault(id, 0) > 0).count();
        return (double) found / relevant;
    }

    private static double gain(int grade) {
        return Math.pow(2, grade) - 1;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
