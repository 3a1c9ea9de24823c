package fi.matala.kb;

/**
 * Bad caller input (the HTTP layer maps it to 400 {@code {"error": code, "message": ...}}).
 * The message never repeats the offending text, so it is safe to return and to log.
 */
public final class KbInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public static final String EMPTY_QUERY = "empty_query";
    public static final String TOO_LONG = "too_long";
    public static final String CONTROL_CHARACTERS = "control_characters";
    public static final String UNKNOWN_LANGUAGE = "unknown_language";
    public static final String BAD_LIMIT = "bad_limit";
    public static final String BAD_ID = "bad_id";

    private final String code;

    public KbInputException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
