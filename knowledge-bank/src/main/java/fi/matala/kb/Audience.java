package fi.matala.kb;

/**
 * Who is asking. Articles whose front matter {@code audience} lacks {@code citizen}
 * (for example {@code audience: [worker]}) are internal guidance and are never shown to
 * {@link #CITIZEN}.
 */
public enum Audience {
    CITIZEN,
    STAFF
}
