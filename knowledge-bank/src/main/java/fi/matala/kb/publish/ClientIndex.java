package fi.matala.kb.publish;

import fi.matala.kb.Audience;

/**
 * The knowledge bank as the browser searches it, for one audience: articles, per-field
 * postings, and everything the browser needs to analyse a query the way the index was
 * analysed. Immutable; built once per content generation.
 *
 * @param version a hash of {@code json}: the HTTP ETag and the version staff consoles compare
 * @param json    the serialised index (UTF-8), format in docs/knowledge-bank.md
 * @param gzip    the same, gzip-compressed once here, so that serving it costs no compression
 *                work on an event loop
 */
public record ClientIndex(Audience audience, String version, byte[] json, byte[] gzip) {

    /** Citizens download the index on a phone, maybe on a poor network: this is its budget (BENCHMARKS.md). */
    public static final int CITIZEN_GZIP_BUDGET = 300 * 1024;
}
