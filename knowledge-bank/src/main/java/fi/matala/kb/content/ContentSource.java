package fi.matala.kb.content;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where articles and the word lists that go with them come from. A source that cannot be
 * read at all throws; single unreadable files are reported as problems by the loader.
 */
public interface ContentSource {

    /** Article files ({@code *.md}). */
    List<ContentFile> articleFiles() throws IOException;

    /** A word list such as {@code synonyms-fi.txt}, if this source provides its own. */
    Optional<String> listFile(String name) throws IOException;

    /** Short description for log lines. */
    String describe();
}
