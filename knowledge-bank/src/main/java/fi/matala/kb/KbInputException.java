package fi.matala.kb;

/**
 * Bad caller input (the HTTP layer maps it to 400 {@code {"error": code, "message": ...}}).
 * The message never repeats the offending text, so it is safe to return and to log.
 */
public final class KbInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

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
