package fi.matala.kb.content;

import fi.matala.kb.ContentProblem;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses a set of article files. Broken files are logged and skipped; a duplicate id keeps
 * the first file in name order, so the outcome does not depend on directory listing order.
 */
public final class ContentLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ContentLoader.class);

    private final ArticleParser parser = new ArticleParser();

    public LoadedContent load(List<ContentFile> files) {
        List<ContentFile> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(ContentFile::name));
        List<ParsedArticle> articles = new ArrayList<>();
        List<ContentProblem> problems = new ArrayList<>();
        Map<String, String> fileById = new HashMap<>();
        for (ContentFile file : sorted) {
            ArticleParser.Outcome outcome = parser.parse(file);
            problems.addAll(outcome.problems());
            outcome.article().ifPresent(a -> {
                String first = fileById.putIfAbsent(a.id(), a.file());
                if (first != null) {
                    problems.add(new ContentProblem(a.file(), idLine(file), "duplicate id '" + a.id()
                            + "' (already defined in " + first + "); file skipped", false));
                } else {
                    articles.add(a);
                }
            });
        }
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
