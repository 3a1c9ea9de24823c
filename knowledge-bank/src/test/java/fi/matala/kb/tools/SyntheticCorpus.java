package fi.matala.kb.tools;

import fi.matala.kb.analysis.Language;
import fi.matala.kb.analysis.Tokens;
import fi.matala.kb.content.ContentFile;
import fi.matala.kb.content.ParsedArticle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A large corpus for benchmarking, made by recombining the sentences, titles and topics of
 * the real articles (per language, so term statistics stay realistic) under new ids. Real
 * content grows its vocabulary with every article (Finnish forms new compounds freely), while
 * recombined sentences would not: so about one word in ten is replaced by a new compound of two
 * corpus words, which makes the dictionary and postings of 2,000 articles as large as a real
 * bank of that size would have. Each article gets example phrasings drawn from the real ones, as
 * many as the real articles have. Deterministic for a given seed.
 */
public final class SyntheticCorpus {

    private static final String[] ENDINGS = {"", "n", "a", "ssa", "sta", "lle", "t", "ja", "iin", "ksi"};

    private final Map<Language, List<String>> sentences = new EnumMap<>(Language.class);
    private final Map<Language, List<String>> words = new EnumMap<>(Language.class);
    private final Map<Language, List<String>> titleWords = new EnumMap<>(Language.class);
    private final Map<Language, List<String>> topics = new EnumMap<>(Language.class);
    private final Map<Language, List<String>> replies = new EnumMap<>(Language.class);
    private final Map<Language, List<String>> examples = new EnumMap<>(Language.class);
    private final List<Language> languages = new ArrayList<>();

    public SyntheticCorpus(List<ParsedArticle> real) {
        for (ParsedArticle a : real) {
            Language l = a.lang();
            languages.add(l);
            for (String s : a.bodyText().split("(?<=[.!?])\\s+|\\n+")) {
                if (s.strip().length() > 20) {
                    sentences.computeIfAbsent(l, k -> new ArrayList<>()).add(s.strip());
                }
            }
            Tokens.words(a.bodyText()).stream().filter(w -> w.length() >= 5)
                    .forEach(w -> words.computeIfAbsent(l, k -> new ArrayList<>()).add(w));
            titleWords.computeIfAbsent(l, k -> new ArrayList<>()).addAll(List.of(a.title().split("\\s+")));
            topics.computeIfAbsent(l, k -> new ArrayList<>()).addAll(a.topics());
            if (!a.reply().isEmpty()) {
                replies.computeIfAbsent(l, k -> new ArrayList<>()).add(a.reply());
            }
            a.examples().forEach((el, list) -> examples.computeIfAbsent(el, k -> new ArrayList<>()).addAll(list));
        }
    }

    /** {@code count} article files named synth-NNNNN.md. */
    public List<ContentFile> generate(int count, long seed) {
        Random r = new Random(seed);
        List<ContentFile> files = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            // Same language mix as the real corpus.
            Language l = languages.get(r.nextInt(languages.size()));
            String id = String.format(Locale.ROOT, "synth-%05d", i);
            StringBuilder md = new StringBuilder();
            md.append("---\n")
                    .append("id: ").append(id).append('\n')
                    .append("lang: ").append(l.code()).append('\n')
                    .append("title: \"").append(title(l, r)).append("\"\n")
                    .append("audience: ").append(r.nextInt(10) == 0 ? "[worker]" : "[citizen, worker]").append('\n')
                    .append("topics: [").append(String.join(", ", pick(topics.get(l), 3 + r.nextInt(3), r)))
                    .append("]\n")
                    .append("summary: \"").append(quote(pick(sentences.get(l), 1, r).get(0))).append("\"\n")
                    .append(examplesYaml(l, r))
                    .append("---\n\n");
            int paragraphs = 2 + r.nextInt(3);
            for (int p = 0; p < paragraphs; p++) {
                md.append("## ").append(title(l, r)).append("\n\n");
                md.append(withNewWords(String.join(" ", pick(sentences.get(l), 3 + r.nextInt(4), r)), l, r))
                        .append("\n\n");
            }
            md.append("## ").append(replyHeading(l)).append("\n\n").append(pick(replies.get(l), 1, r).get(0))
                    .append('\n');
            files.add(new ContentFile(id + ".md", md.toString()));
        }
        return files;
    }

    /** Example phrasings as the real articles have them: about 14 in the article's language, 7 in each other. */
    private String examplesYaml(Language articleLang, Random r) {
        StringBuilder y = new StringBuilder("examples:\n");
        for (Language l : Language.values()) {
            List<String> pool = examples.get(l);
            if (pool == null || pool.isEmpty()) {
                continue;
            }
            y.append("  ").append(l.code()).append(":\n");
            for (String e : pick(pool, l == articleLang ? 14 : 7, r)) {
                y.append("    - \"").append(quote(e)).append("\"\n");
            }
        }
        return y.toString();
    }

    /** Message-like texts (one to three sentences) to suggest for. */
    public List<String> messages(int count, long seed, Language lang) {
        Random r = new Random(seed);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(String.join(" ", pick(sentences.get(lang), 1 + r.nextInt(3), r)));
        }
        return out;
    }

    private String withNewWords(String paragraph, Language l, Random r) {
        String[] parts = paragraph.split(" ");
        List<String> pool = words.get(l);
        for (int i = 0; i < parts.length; i++) {
            if (r.nextInt(10) == 0 && parts[i].length() > 3) {
                String ending = l == Language.FI ? ENDINGS[r.nextInt(ENDINGS.length)] : "";
                parts[i] = pool.get(r.nextInt(pool.size())) + pool.get(r.nextInt(pool.size())) + ending;
            }
        }
        return quote(String.join(" ", parts));
    }

    private String title(Language l, Random r) {
        return quote(String.join(" ", pick(titleWords.get(l), 3 + r.nextInt(3), r)));
    }

    private static String replyHeading(Language l) {
        return switch (l) {
            case FI -> "Vastausehdotus";
            case SV -> "Svarsförslag";
            case EN -> "Suggested reply";
        };
    }

    private static String quote(String s) {
        return s.replace("\\", "").replace("\"", "'");
    }

    private static List<String> pick(List<String> from, int n, Random r) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(from.get(r.nextInt(from.size())));
        }
        return out;
    }
}
