package fi.matala.kb.suggest;

import fi.matala.kb.Audience;
import fi.matala.kb.Suggestion;
import fi.matala.kb.Suggestions;
import fi.matala.kb.analysis.Language;
import fi.matala.kb.content.ParsedArticle;
import fi.matala.kb.search.ScoredArticle;
import fi.matala.kb.search.SearchIndex;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reply suggestions for a worker: one per article group (translations are one suggestion),
 * in the conversation's language when that version exists, crisis guidance first when the
 * text signals risk. Only workers see suggestions, so worker-only articles are included.
 */
public final class Suggester {

    /** Candidates per suggestion wanted, before translations collapse into one suggestion. */
    static final int CANDIDATES_PER_SUGGESTION = 4;

    private final SearchIndex index;
    private final RiskDetector risk;

    public Suggester(SearchIndex index, RiskDetector risk) {
        this.index = index;
        this.risk = risk;
    }

    public Suggestions suggest(String text, Language lang, int limit) {
        Set<RiskDetector.Category> categories = risk.detect(text);
        List<ScoredArticle> ranked = index.rank(text, lang, Audience.STAFF,
                Math.max(20, limit * CANDIDATES_PER_SUGGESTION));
        Map<String, Double> groupScores = new LinkedHashMap<>();
        for (ScoredArticle s : ranked) {
            groupScores.merge(s.article().group(), s.score(), Math::max);
        }
        double top = groupScores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);

        List<Suggestion> out = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (RiskDetector.Category c : categories) {
            for (String group : c.crisisGroups()) {
                if (used.contains(group) || out.size() >= limit) {
                    continue;
                }
                // Crisis guidance outranks everything, keeping the order of the risk list.
                double score = top + 1 + (limit - out.size());
                preferred(group, lang).ifPresent(a -> {
                    out.add(new Suggestion(a.id(), a.title(), a.reply(), score));
                    used.add(group);
                });
            }
        }
        for (Map.Entry<String, Double> g : groupScores.entrySet()) {
            if (out.size() >= limit) {
                break;
            }
            if (used.contains(g.getKey())) {
                continue;
            }
            preferred(g.getKey(), lang).filter(a -> !a.reply().isEmpty()).ifPresent(a -> {
                out.add(new Suggestion(a.id(), a.title(), a.reply(), g.getValue()));
                used.add(g.getKey());
            });
        }
        return new Suggestions(out, !categories.isEmpty());
    }

    /** The version of a group in the conversation language, else Finnish, else any. */
    private Optional<ParsedArticle> preferred(String group, Language lang) {
        List<ParsedArticle> versions = index.group(group);
        return versions.stream().filter(a -> a.lang() == lang).findFirst()
                .or(() -> versions.stream().filter(a -> a.lang() == Language.FI).findFirst())
                .or(() -> versions.stream().findFirst());
    }
}
