package fi.matala.kb.publish;

import java.util.Map;
import java.util.TreeMap;

/**
 * The postings of one indexed field ("fi.main", "sv.folded", ...): per term the documents that
 * contain it with their term frequency, and per document its length in positions (compound
 * parts stacked on a word do not add to the length), for BM25.
 */
final class FieldPostings {

    final int[] lengths;
    final Map<String, TreeMap<Integer, Integer>> terms = new TreeMap<>();
    int docCount;
    long sumLength;

    FieldPostings(int docs) {
        this.lengths = new int[docs];
    }

    void add(int doc, String term) {
        terms.computeIfAbsent(term, t -> new TreeMap<>()).merge(doc, 1, Integer::sum);
    }

    void addLength(int doc, int positions) {
        if (lengths[doc] == 0 && positions > 0) {
            docCount++;
        }
        lengths[doc] += positions;
        sumLength += positions;
    }
}
