package fi.matala.kb;

/**
 * Validation of caller input. Messages never echo the rejected text. Search and suggestion
 * text is not input here at all: the browser searches its own copy of the index.
 */
public final class InputRules {

    public static final int MAX_ID_CHARS = 200;

    private InputRules() {
    }

    static void checkAudience(Audience audience) {
        if (audience == null) {
            throw new IllegalArgumentException("audience is required");
        }
    }

    static String checkId(String id) {
        if (id == null || id.isBlank() || id.length() > MAX_ID_CHARS) {
            throw new KbInputException(KbInputException.BAD_ID, "id must be 1.." + MAX_ID_CHARS + " characters");
        }
        return id;
    }
}
