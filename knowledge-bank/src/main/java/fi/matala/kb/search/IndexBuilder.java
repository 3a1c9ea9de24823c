package fi.matala.kb.search;

import fi.matala.kb.analysis.AnalysisConfig;
import fi.matala.kb.analysis.Language;
import fi.matala.kb.analysis.LanguageAnalyzers;
import fi.matala.kb.analysis.LanguageAnalyzers.Kind;
import fi.matala.kb.analysis.WordLists;
import fi.matala.kb.content.LoadedContent;
import fi.matala.kb.content.ParsedArticle;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * Builds a complete in-memory index for one generation of content. Nothing is shared with
 * the generation being served, so searches never see a half-built index.
 */
public final class IndexBuilder {

    private final AnalysisConfig config;

    public IndexBuilder(AnalysisConfig config) {
        this.config = config;
    }

    public SearchIndex build(LoadedContent content, WordLists lists) throws IOException {
        List<ParsedArticle> articles = content.articles();
        List<String> finnish = articles.stream().filter(a -> a.lang() == Language.FI)
                .map(a -> a.title() + "\n" + String.join(" ", a.topics()) + "\n" + a.summary() + "\n" + a.bodyText())
                .toList();
        LanguageAnalyzers analyzers = new LanguageAnalyzers(config, lists, finnish);

        Map<String, Analyzer> perField = new HashMap<>();
        for (Language l : Language.values()) {
            for (Kind k : enabledKinds()) {
                perField.put(Fields.text(l, k), analyzers.get(l, k));
            }
        }
        Analyzer indexAnalyzer = new PerFieldAnalyzerWrapper(analyzers.get(Language.FI, Kind.MAIN), perField);

        Directory dir = new ByteBuffersDirectory();
        IndexWriterConfig iwc = new IndexWriterConfig(indexAnalyzer);
        iwc.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        // One segment, written in one go: the index is rebuilt whole on every content change.
        iwc.setRAMBufferSizeMB(256);
        iwc.setUseCompoundFile(false);
        try (IndexWriter writer = new IndexWriter(dir, iwc)) {
            for (ParsedArticle a : articles) {
                writer.addDocument(document(a));
            }
            writer.forceMerge(1);
        }
        DirectoryReader reader = DirectoryReader.open(dir);
        ParsedArticle[] byDoc = new ParsedArticle[reader.maxDoc()];
        Map<String, ParsedArticle> byId = new HashMap<>();
        articles.forEach(a -> byId.put(a.id(), a));
        StoredFields stored = reader.storedFields();
        for (int doc = 0; doc < reader.maxDoc(); doc++) {
            byDoc[doc] = byId.get(stored.document(doc).get(Fields.ID));
        }
        return new SearchIndex(content, lists, analyzers, reader, byDoc, enabledKinds());
    }

    private List<Kind> enabledKinds() {
        if (config.foldedField() && config.ngramField()) {
            return List.of(Kind.MAIN, Kind.FOLDED, Kind.NGRAM);
        }
        if (config.foldedField()) {
            return List.of(Kind.MAIN, Kind.FOLDED);
        }
        return config.ngramField() ? List.of(Kind.MAIN, Kind.NGRAM) : List.of(Kind.MAIN);
    }

    private Document document(ParsedArticle a) {
        Document d = new Document();
        d.add(new StringField(Fields.ID, a.id(), Field.Store.YES));
        if (a.citizenVisible()) {
            d.add(new StringField(Fields.CITIZEN, Fields.YES, Field.Store.NO));
        }
        String topics = String.join(", ", a.topics());
        for (Kind k : enabledKinds()) {
            String field = Fields.text(a.lang(), k);
            // Repeated values weigh the short, descriptive parts above the body (see Fields).
            for (int i = 0; i < Fields.TITLE_REPEAT; i++) {
                d.add(new TextField(field, a.title(), Field.Store.NO));
            }
            for (int i = 0; i < Fields.TOPICS_REPEAT; i++) {
                d.add(new TextField(field, topics, Field.Store.NO));
            }
            for (int i = 0; i < Fields.SUMMARY_REPEAT; i++) {
                d.add(new TextField(field, a.summary(), Field.Store.NO));
            }
            if (k != Kind.NGRAM) {
                d.add(new TextField(field, a.bodyText(), Field.Store.NO));
            }
        }
        return d;
    }
}
