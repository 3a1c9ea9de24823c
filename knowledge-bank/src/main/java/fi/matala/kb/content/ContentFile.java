package fi.matala.kb.content;

/**
 * The raw text of one content file and the name used when reporting problems in it.
 * A file that could not be decoded has no text and says why in {@code unreadable}.
 */
public record ContentFile(String name, String text, String unreadable) {

    public ContentFile(String name, String text) {
        this(name, text, null);
    }

    public static ContentFile unreadable(String name, String reason) {
        return new ContentFile(name, "", reason);
    }
}
