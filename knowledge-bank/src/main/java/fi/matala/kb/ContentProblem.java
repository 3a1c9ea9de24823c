package fi.matala.kb;

/**
 * Something wrong with one content file. {@code line} is 1-based, or 0 when the problem
 * concerns the whole file. {@code warning} problems leave the article indexed; the others
 * mean the file was skipped.
 */
public record ContentProblem(String file, int line, String message, boolean warning) {

    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (warning ? "warning: " : "") + message;
    }
}
