package fi.matala.kb.eval;

import java.util.List;

/** Anything that ranks article ids for a query; what the evaluation compares. */
public interface Ranker extends AutoCloseable {

    List<String> rank(String query, String lang, int limit);

    @Override
    default void close() {
    }
}
