package fi.matala.kb;

/** A reply a worker may send, taken from the article {@code id}. */
public record Suggestion(String id, String title, String reply, double score) {
}
