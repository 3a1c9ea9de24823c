package fi.matala.kb.content;

import fi.matala.kb.ContentProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses a set of article files. Broken files are logged and skipped. A duplicate id keeps
 * the file that served it before (so a newly added copy cannot take over a live article),
 * otherwise the first file in name order, so the outcome never depends on listing order.
 */
public final class ContentLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ContentLoader.class);

    private final ArticleParser parser = new ArticleParser();

    public LoadedContent load(List<ContentFile> files) {
        return load(files, Map.of());
    }

    /**
     * @param previousFiles the file each id was loaded from last time (id → file name)
     */
    public LoadedContent load(List<ContentFile> files, Map<String, String> previousFiles) {
        List<ContentFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(ContentFile::name));
        List<ParsedArticle> articles = new ArrayList<>();
        List<ContentProblem> problems = new ArrayList<>();
        Map<String, ParsedArticle> byId = new LinkedHashMap<>();
        Map<String, ContentFile> sourceById = new HashMap<>();
        for (ContentFile file : sorted) {
            ArticleParser.Outcome outcome = parser.parse(file);
            problems.addAll(outcome.problems());
            if (outcome.article().isEmpty()) {
                continue;
            }
            ParsedArticle a = outcome.article().get();
            ParsedArticle first = byId.get(a.id());
            if (first == null) {
                byId.put(a.id(), a);
                sourceById.put(a.id(), file);
                continue;
            }
            ContentFile firstFile = sourceById.get(a.id());
            ParsedArticle kept = first;
            ContentFile skipped = file;
            if (file.name().equals(previousFiles.get(a.id()))) {
                kept = a;
                skipped = firstFile;
                byId.put(a.id(), a);
                sourceById.put(a.id(), file);
            }
            problems.add(new ContentProblem(skipped.name(), idLine(skipped), "duplicate id '" + a.id()
                    + "' (already defined in " + kept.file() + "); file skipped", false));
        }
        articles.addAll(byId.values());
        for (ContentProblem p : problems) {
            // Content problems describe editor-written files, never user input, so logging is fine.
            if (p.warning()) {
                LOG.warn("Knowledge bank content: {}", p);
            } else {
                LOG.error("Knowledge bank content skipped: {}", p);
            }
        }
        return new LoadedContent(articles, problems);
    }

    private static int idLine(ContentFile file) {
        String[] lines = file.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("id:")) {
                return i + 1;
            }
        }
        return 1;
    }
}
