package fi.matala.kb.eval;

import fi.matala.kb.analysis.AnalysisConfig;
import fi.matala.kb.analysis.AnalysisConfig.Compounds;
import fi.matala.kb.analysis.AnalysisConfig.Stemmer;
import java.util.LinkedHashMap;
import java.util.Map;

/** The analysis variants compared in docs/knowledge-bank.md, from plain to full. */
public final class Variants {

    private Variants() {
    }

    public static Map<String, AnalysisConfig> all() {
        AnalysisConfig plain = new AnalysisConfig(Stemmer.SNOWBALL, Compounds.NONE, false, false, false, false, false,
                false, false);
        Map<String, AnalysisConfig> v = new LinkedHashMap<>();
        v.put("(a) Finnish light stemmer", plain.withStemmer(Stemmer.LIGHT));
        v.put("(a) Snowball stemmer", plain);
        v.put("(b) Snowball + Lucene dictionary decompounder", plain.withCompounds(Compounds.LUCENE_DICTIONARY));
        v.put("(b) Snowball + boundary decompounder", plain.withCompounds(Compounds.BOUNDARY));
        AnalysisConfig b = plain.withCompounds(Compounds.BOUNDARY);
        v.put("(c) b + folded field", b.withFoldedField(true));
        v.put("(c) b + 4-gram field", b.withNgramField(true));
        v.put("(c) b + fuzzy", b.withFuzzy(true));
        v.put("(c) b + spoken Finnish", b.withSpoken(true));
        v.put("(c) b + synonyms", b.withSynonyms(true));
        v.put("(c) b + glossaries + translations", b.withCrossLanguage(true).withGroupPropagation(true));
        v.put("Matala (all of c except 4-grams)", AnalysisConfig.MATALA);
        v.put("Matala + 4-gram field", AnalysisConfig.MATALA.withNgramField(true));
        v.put("Matala, light stemmer", AnalysisConfig.MATALA.withStemmer(Stemmer.LIGHT));
        v.put("Matala, Lucene decompounder", AnalysisConfig.MATALA.withCompounds(Compounds.LUCENE_DICTIONARY));
        v.put("Matala without decompounding", AnalysisConfig.MATALA.withCompounds(Compounds.NONE));
        v.put("Matala without synonyms", AnalysisConfig.MATALA.withSynonyms(false));
        v.put("Matala without spoken Finnish", AnalysisConfig.MATALA.withSpoken(false));
        v.put("Matala without folded field", AnalysisConfig.MATALA.withFoldedField(false));
        v.put("Matala without fuzzy", AnalysisConfig.MATALA.withFuzzy(false));
        v.put("Matala without translations", AnalysisConfig.MATALA.withGroupPropagation(false));
        return v;
    }
}
