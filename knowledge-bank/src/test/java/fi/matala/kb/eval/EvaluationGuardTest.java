package fi.matala.kb.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.kb.analysis.AnalysisConfig;
import fi.matala.kb.content.ClasspathContentSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression guard for search quality: Matala must keep nDCG@5 ≥ 0.75 on the development set
 * and on the separately written hold-out set, and clearly beat a plain BM25 baseline.
 */
class EvaluationGuardTest {

    private static List<EvalQuery> resource(String name) throws IOException {
        try (InputStream in = EvaluationGuardTest.class.getClassLoader().getResourceAsStream(name)) {
            return JsonLines.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        }
    }

    private static void guard(String name) throws IOException {
        List<EvalQuery> queries = resource(name);
        ClasspathContentSource content = new ClasspathContentSource();
        EvalReport matala;
        EvalReport baseline;
        try (Ranker r = new MatalaRanker(content, AnalysisConfig.MATALA)) {
            matala = EvalReport.run("Matala", r, queries);
        }
        try (Ranker r = new BaselineRanker(content)) {
            baseline = EvalReport.run("Baseline", r, queries);
        }
        double m = matala.overall().ndcg5();
        double b = baseline.overall().ndcg5();
        assertTrue(m >= 0.75, name + ": nDCG@5 " + m + " < 0.75");
        assertTrue(m >= b + 0.15, name + ": nDCG@5 " + m + " does not clearly beat the baseline's " + b);
        assertTrue(matala.overall().mrr10() > baseline.overall().mrr10(), name + ": MRR@10 not above baseline");
        for (String lang : matala.byLanguage().keySet()) {
            assertTrue(matala.byLanguage().get(lang).ndcg5() >= baseline.byLanguage().get(lang).ndcg5(),
                    name + ": worse than the baseline for " + lang);
        }
    }

    @Test
    void developmentSet() throws IOException {
        assertEquals(40, resource(Evaluate.DEV_SET).size());
        guard(Evaluate.DEV_SET);
    }

    @Test
    void holdOutSet() throws IOException {
        guard("kb/eval/holdout.jsonl");
    }
}
