package fi.matala.kb.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final Map<String, Integer> GRADES = Map.of("a", 2, "b", 1, "c", 1);

    @Test
    void perfectRankingScoresOne() {
        assertEquals(1.0, Metrics.ndcg(List.of("a", "b", "c", "x"), GRADES, 5), 1e-9);
        assertEquals(1.0, Metrics.reciprocalRank(List.of("a"), GRADES, 10), 1e-9);
        assertEquals(1.0, Metrics.recall(List.of("c", "b", "a"), GRADES, 5), 1e-9);
    }

    @Test
    void ndcgByHand() {
        // DCG = (2^1-1)/log2(2) + 0 + (2^2-1)/log2(4) = 1 + 1.5; IDCG = 3 + 1/log2(3) + 1/2.
        double idcg = 3 + 1 / (Math.log(3) / Math.log(2)) + 0.5;
        assertEquals(2.5 / idcg, Metrics.ndcg(List.of("b", "x", "a"), GRADES, 5), 1e-9);
        assertEquals(0.0, Metrics.ndcg(List.of("x", "y"), GRADES, 5), 1e-9);
    }

    @Test
    void mrrAndRecallByHand() {
        assertEquals(1.0 / 3, Metrics.reciprocalRank(List.of("x", "y", "c"), GRADES, 10), 1e-9);
        assertEquals(0.0, Metrics.reciprocalRank(List.of("x", "y", "c"), GRADES, 2), 1e-9);
        assertEquals(2.0 / 3, Metrics.recall(List.of("x", "a", "c"), GRADES, 5), 1e-9);
    }

    @Test
    void jsonLinesAreParsed() {
        List<EvalQuery> q = JsonLines.parse("{\"query\": \"mä \\\"lainaus\\\" \\u00e4\", \"lang\": \"fi\", "
                + "\"relevant\": {\"a\": 2, \"b\": 1}}\n\n", "test");
        assertEquals(1, q.size());
        assertEquals("mä \"lainaus\" ä", q.get(0).query());
        assertEquals(Map.of("a", 2, "b", 1), q.get(0).relevant());
    }
}
