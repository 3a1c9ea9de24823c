package fi.matala.kb.eval;

import fi.matala.kb.Audience;
import fi.matala.kb.Hit;
import fi.matala.kb.KnowledgeBank;
import fi.matala.kb.analysis.AnalysisConfig;
import fi.matala.kb.content.ContentSource;
import java.util.List;

/** Matala's search (as a citizen would use it) with a given analysis variant. */
public final class MatalaRanker implements Ranker {

    private final KnowledgeBank kb;

    public MatalaRanker(ContentSource source, AnalysisConfig config) {
        this.kb = KnowledgeBank.of(source, config);
    }

    @Override
    public List<String> rank(String query, String lang, int limit) {
        return kb.search(query, lang, limit, Audience.CITIZEN).stream().map(Hit::id).toList();
    }

    @Override
    public void close() {
        kb.close();
    }
}
