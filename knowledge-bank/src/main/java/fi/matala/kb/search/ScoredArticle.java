package fi.matala.kb.search;

import fi.matala.kb.content.ParsedArticle;

/** A ranked article; scores compare only within one ranking. */
public record ScoredArticle(ParsedArticle article, double score) {
}
