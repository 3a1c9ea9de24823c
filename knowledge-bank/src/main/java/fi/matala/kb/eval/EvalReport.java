package fi.matala.kb.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Mean metrics of one ranker over an evaluation set, overall and per language. */
public record EvalReport(String name, Scores overall, Map<String, Scores> byLanguage, List<PerQuery> perQuery) {

    /** Means over {@code count} queries. */
    public record Scores(double ndcg5, double mrr10, double recall5, int count) {
    }

    /** One query's result, for finding what to improve. */
    public record PerQuery(EvalQuery query, List<String> ranking, double ndcg5) {
    }

    public static EvalReport run(String name, Ranker ranker, List<EvalQuery> queries) {
        List<PerQuery> per = new ArrayList<>();
        Map<String, List<double[]>> byLang = new TreeMap<>();
        List<double[]> all = new ArrayList<>();
        for (EvalQuery q : queries) {
            List<String> ranking = ranker.rank(q.query(), q.lang(), 10);
            double[] m = {
                Metrics.ndcg(ranking, q.relevant(), 5),
                Metrics.reciprocalRank(ranking, q.relevant(), 10),
                Metrics.recall(ranking, q.relevant(), 5)
            };
            all.add(m);
            byLang.computeIfAbsent(q.lang(), l -> new ArrayList<>()).add(m);
            per.add(new PerQuery(q, ranking, m[0]));
        }
        Map<String, Scores> langScores = new LinkedHashMap<>();
        byLang.forEach((l, ms) -> langScores.put(l, mean(ms)));
        return new EvalReport(name, mean(all), langScores, per);
    }

    private static Scores mean(List<double[]> ms) {
        double[] sum = new double[3];
        for (double[] m : ms) {
            for (int i = 0; i < 3; i++) {
                sum[i] += m[i];
            }
        }
        int n = Math.max(1, ms.size());
        return new Scores(sum[0] / n, sum[1] / n, sum[2] / n, ms.size());
    }
}
