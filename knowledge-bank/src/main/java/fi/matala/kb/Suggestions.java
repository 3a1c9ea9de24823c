package fi.matala.kb;

import java.util.List;

/**
 * Reply suggestions for a conversation. {@code risk} is true when the text matched the
 * risk list (suicidal thoughts, overdose, violence); the crisis article(s) then come first.
 */
public record Suggestions(List<Suggestion> suggestions, boolean risk) {

    public Suggestions {
        suggestions = List.copyOf(suggestions);
    }
}
