package fi.matala.kb.analysis;

import fi.matala.kb.content.ClasspathContentSource;
import fi.matala.kb.content.ContentSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The maintained word lists (synonyms, glossaries, spoken Finnish, risk terms, ...). A
 * content source may override any of them; the rest come from the bundled defaults.
 */
public final class WordLists {

    private final Map<String, String> texts;

    private WordLists(Map<String, String> texts) {
        this.texts = Map.copyOf(texts);
    }

    /** Every list file name the knowledge bank reads; also what a content directory may override. */
    public static List<String> fileNames() {
        List<String> names = new ArrayList<>();
        for (Language l : Language.values()) {
            String c = l.code();
            names.add("synonyms-" + c + ".txt");
            names.add("stopwords-" + c + ".txt");
            names.add("risk-terms-" + c + ".txt");
            if (l != Language.FI) {
                names.add("glossary-" + c + "-fi.txt");
            }
        }
        names.add("spoken-fi.txt");
        names.add("compound-parts-fi.txt");
        return names;
    }

    public static WordLists load(ContentSource source) throws IOException {
        ContentSource bundled = source instanceof ClasspathContentSource ? source : new ClasspathContentSource();
        Map<String, String> texts = new HashMap<>();
        for (String name : fileNames()) {
            Optional<String> text = source.listFile(name);
            if (text.isEmpty() && bundled != source) {
                text = bundled.listFile(name);
            }
            text.ifPresent(t -> texts.put(name, t));
        }
        return new WordLists(texts);
    }

    public static WordLists bundled() throws IOException {
        return load(new ClasspathContentSource());
    }

    /** Non-comment, non-blank lines of a list, trimmed and lower-cased. */
    public List<Line> lines(String name) {
        String text = texts.getOrDefault(name, "");
        List<Line> lines = new ArrayList<>();
        String[] raw = text.split("\n", -1);
        for (int i = 0; i < raw.length; i++) {
            String l = raw[i];
            int hash = l.indexOf('#');
            if (hash >= 0) {
                l = l.substring(0, hash);
            }
            l = l.strip().toLowerCase(Locale.ROOT);
            if (!l.isEmpty()) {
                lines.add(new Line(name, i + 1, l));
            }
        }
        return lines;
    }

    /** One meaningful line of a list file, with its 1-based line number for error messages. */
    public record Line(String file, int number, String text) {
    }
}
