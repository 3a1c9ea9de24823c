package fi.matala.kb;

/** One search result. {@code score} is only meaningful for ordering within one response. */
public record Hit(String id, String title, String summary, String lang, double score) {
}
