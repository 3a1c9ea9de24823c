package fi.matala.kb.eval;

import fi.matala.kb.content.ContentLoader;
import fi.matala.kb.content.ContentSource;
import fi.matala.kb.content.ParsedArticle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;

/**
 * The reference point: Lucene's StandardAnalyzer (no stemming, no stop words, no language
 * handling) and BM25 over title, topics, summary and body in one field, the way a generic
 * search box would be set up.
 */
public final class BaselineRanker implements Ranker {

    private final StandardAnalyzer analyzer = new StandardAnalyzer();
    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    public BaselineRanker(ContentSource source) {
        try {
            List<ParsedArticle> articles = new ContentLoader().load(source.articleFiles()).articles();
            ByteBuffersDirectory dir = new ByteBuffersDirectory();
            try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
                for (ParsedArticle a : articles) {
                    Document d = new Document();
                    d.add(new StringField("id", a.id(), Field.Store.YES));
                    d.add(new TextField("all", a.title() + "\n" + String.join(" ", a.topics()) + "\n" + a.summary()
                            + "\n" + a.bodyText(), Field.Store.NO));
                    w.addDocument(d);
                }
            }
            reader = DirectoryReader.open(dir);
            searcher = new IndexSearcher(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> rank(String query, String lang, int limit) {
        Query q = new QueryBuilder(analyzer).createBooleanQuery("all", query);
        if (q == null) {
            return List.of();
        }
        try {
            List<String> ids = new ArrayList<>();
            for (ScoreDoc sd : searcher.search(q, limit).scoreDocs) {
                ids.add(searcher.storedFields().document(sd.doc).get("id"));
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
