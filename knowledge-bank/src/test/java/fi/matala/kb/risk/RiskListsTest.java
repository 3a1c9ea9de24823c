package fi.matala.kb.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.kb.analysis.WordLists;
import fi.matala.kb.content.ContentFile;
import fi.matala.kb.content.ContentSource;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The risk lists as the browser receives them: categories, crisis groups, patterns, when-top. */
class RiskListsTest {

    private static RiskLists parse(String fi) throws IOException {
        ContentSource source = new ContentSource() {
            @Override
            public List<ContentFile> articleFiles() {
                return List.of();
            }

            @Override
            public Optional<String> listFile(String name) {
                return Optional.of(Map.of("risk-terms-fi.txt", fi).getOrDefault(name, ""));
            }

            @Override
            public String describe() {
                return "test";
            }
        };
        return new RiskLists(WordLists.load(source));
    }

    @Test
    void sectionsPatternsAndSentenceEnds() throws IOException {
        RiskLists lists = parse("""
                # comment
                [suicide] crisis=a-group, b-group when-top=a-group,c-group
                halua* kuolla
                en jaksa enää $   # only at the end of a sentence
                [overdose] crisis=d-group
                Yliannost*
                """);
        List<RiskLists.Category> c = lists.categories();
        assertEquals(List.of("suicide", "overdose"), c.stream().map(RiskLists.Category::name).toList());
        assertEquals(List.of("a-group", "b-group"), c.get(0).crisisGroups());
        assertEquals(List.of("a-group", "c-group"), c.get(0).whenTop());
        assertEquals(List.of(List.of("halua*", "kuolla"), List.of("en", "jaksa", "enaa", "$")), c.get(0).patterns(),
                "stored without diacritics; $ kept");
        assertEquals(List.of(), c.get(1).whenTop());
        assertEquals(List.of(List.of("yliannost*")), c.get(1).patterns());
    }

    @Test
    void cueSetsCombinationsAndUnless() throws IOException {
        RiskLists lists = parse("""
                [violence] crisis=v
                {threat} uhkaa, sanoi tappavansa
                {now} tänään, tänä iltana
                {threat} + {now}
                {threat} + {now}
                {past} vuosi sitten
                - {past}
                """);
        RiskLists.Category c = lists.categories().get(0);
        assertEquals(List.of(List.of("uhkaa"), List.of("sanoi", "tappavansa")), c.cueSets().get("threat"));
        assertEquals(List.of(List.of("tanaan"), List.of("tana", "iltana")), c.cueSets().get("now"));
        assertEquals(List.of(List.of("threat", "now")), c.together(), "a repeated combination counts once");
        assertEquals(List.of("past"), c.unless());
        assertEquals(List.of(), c.patterns());
    }

    @Test
    void brokenListsSayWhereAndWhy() {
        IllegalArgumentException before = assertThrows(IllegalArgumentException.class, () -> parse("kuolla\n"));
        assertTrue(before.getMessage().startsWith("risk-terms-fi.txt:1:"), before.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> parse("[x] crisis=a colour=red\n"));
        assertTrue(unknown.getMessage().contains("unknown setting 'colour'"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("[x] when-top=a\n"));
        IllegalArgumentException undefined = assertThrows(IllegalArgumentException.class,
                () -> parse("[x] crisis=a\n{means} pillerit\n{means} + {time}\n"));
        assertTrue(undefined.getMessage().contains("{time}"), undefined.getMessage());
        assertThrows(IllegalArgumentException.class, () -> parse("[x] crisis=a\n- past\n"));
        assertThrows(IllegalArgumentException.class, () -> parse("[x] crisis=a\n{means}\n"));
    }

    @Test
    void theBundledListsNameExistingCategoriesInEveryLanguage() throws IOException {
        RiskLists bundled = new RiskLists(WordLists.bundled());
        assertEquals(List.of("suicide", "ghb", "sedative-overdose", "overdose", "withdrawal", "child-abuse", "violence",
                "self-harm"), bundled.categories().stream().map(RiskLists.Category::name).toList());
        assertTrue(bundled.categories().stream().allMatch(c -> c.patterns().size() >= 10));
    }
}
