package fi.matala.kb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small article files for tests. */
public final class TestArticles {

    private TestArticles() {
    }

    public static String markdown(String id, String lang, String group, String audience, String title, String body,
            String reply) {
        String heading = switch (lang) {
            case "sv" -> "Svarsförslag";
            case "en" -> "Suggested reply";
            default -> "Vastausehdotus";
        };
        return "---\n"
                + "id: " + id + "\n"
                + "lang: " + lang + "\n"
                + "group: " + group + "\n"
                + "title: \"" + title + "\"\n"
                + "audience: " + audience + "\n"
                + "topics: [testi]\n"
                + "summary: \"Tiivistelmä " + title + "\"\n"
                + "---\n\n"
                + body + "\n\n"
                + "## " + heading + "\n\n"
                + reply + "\n";
    }

    public static Path write(Path dir, String id, String lang, String audience, String title, String body)
            throws IOException {
        return write(dir, id + ".md", markdown(id, lang, id, audience, title, body, "Vastaus " + title + "."));
    }

    public static Path write(Path dir, String fileName, String text) throws IOException {
        Path file = dir.resolve(fileName);
        // Write then move, as an editor or deployment would, so a poll never reads half a file.
        Path tmp = dir.resolve("." + fileName + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
