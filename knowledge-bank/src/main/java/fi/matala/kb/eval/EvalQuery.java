package fi.matala.kb.eval;

import java.util.Map;

/** One judged query: article id → grade (2 = the answer, 1 = useful too). */
public record EvalQuery(String query, String lang, Map<String, Integer> relevant) {

    public EvalQuery {
        relevant = Map.copyOf(relevant);
    }
}
