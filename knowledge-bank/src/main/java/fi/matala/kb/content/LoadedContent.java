package fi.matala.kb.content;

import fi.matala.kb.ContentProblem;
import java.util.List;

/** The articles that loaded, plus every problem found on the way. */
public record LoadedContent(List<ParsedArticle> articles, List<ContentProblem> problems) {

    public LoadedContent {
        articles = List.copyOf(articles);
        problems = List.copyOf(problems);
    }
}
