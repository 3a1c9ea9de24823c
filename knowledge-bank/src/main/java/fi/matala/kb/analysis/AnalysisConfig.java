package fi.matala.kb.analysis;

/**
 * Switches for the analysis and ranking variants that the evaluation compares. Production
 * uses {@link #MATALA}; the others exist so that every choice stays measurable.
 *
 * @param stemmer       how words are reduced to stems
 * @param compounds     how Finnish compound words are split into their parts
 * @param foldedField   also index a copy with ä→a, ö→o, å→a, for text typed without them
 * @param ngramField    also index character 4-grams (catches what stemming and splitting miss)
 * @param fuzzy         edit-distance matching for query words the index does not contain
 * @param spoken        normalise spoken Finnish (mä, oon, ahistaa, -nu/-ny participles)
 * @param synonyms      expand everyday words to the articles' vocabulary
 * @param crossLanguage let sv/en queries reach Finnish-only articles through the glossaries
 * @param groupPropagation rank translations of a matching article right after it
 */
public record AnalysisConfig(
        Stemmer stemmer,
        Compounds compounds,
        boolean foldedField,
        boolean ngramField,
        boolean fuzzy,
        boolean spoken,
        boolean synonyms,
        boolean crossLanguage,
        boolean groupPropagation) {

    public enum Stemmer { NONE, LIGHT, SNOWBALL }

    public enum Compounds { NONE, LUCENE_DICTIONARY, BOUNDARY }

    /** What ships: chosen by the comparison in docs/knowledge-bank.md. */
    public static final AnalysisConfig MATALA = new AnalysisConfig(
            Stemmer.SNOWBALL, Compounds.BOUNDARY, true, false, true, true, true, true, true);

    public AnalysisConfig withStemmer(Stemmer s) {
        return new AnalysisConfig(s, compounds, foldedField, ngramField, fuzzy, spoken, synonyms, crossLanguage,
                groupPropagation);
    }

    public AnalysisConfig withCompounds(Compounds c) {
        return new AnalysisConfig(stemmer, c, foldedField, ngramField, fuzzy, spoken, synonyms, crossLanguage,
                groupPropagation);
    }

    public AnalysisConfig withFoldedField(boolean b) {
        return new AnalysisConfig(stemmer, compounds, b, ngramField, fuzzy, spoken, synonyms, crossLanguage,
                groupPropagation);
    }

    public AnalysisConfig withNgramField(boolean b) {
        return new AnalysisConfig(stemmer, compounds, foldedField, b, fuzzy, spoken, synonyms, crossLanguage,
                groupPropagation);
    }

    public AnalysisConfig withFuzzy(boolean b) {
        return new AnalysisConfig(stemmer, compounds, foldedField, ngramField, b, spoken, synonyms, crossLanguage,
                groupPropagation);
    }

    public AnalysisConfig withSpoken(boolean b) {
        return new AnalysisConfig(stemmer, compounds, foldedField, ngramField, fuzzy, b, synonyms, crossLanguage,
                groupPropagation);
    }

    public AnalysisConfig withSynonyms(boolean b) {
        return new AnalysisConfig(stemmer, compounds, foldedField, ngramField, fuzzy, spoken, b, crossLanguage,
                groupPropagation);
    }

    public AnalysisConfig withCrossLanguage(boolean b) {
        return new AnalysisConfig(stemmer, compounds, foldedField, ngramField, fuzzy, spoken, synonyms, b,
                groupPropagation);
    }

    public AnalysisConfig withGroupPropagation(boolean b) {
        return new AnalysisConfig(stemmer, compounds, foldedField, ngramField, fuzzy, spoken, synonyms, crossLanguage,
                b);
    }
}
