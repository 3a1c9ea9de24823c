package fi.matala.kb.tools;

import fi.matala.kb.content.ContentFile;
import fi.matala.kb.content.ContentSource;
import java.util.List;
import java.util.Optional;

/** Articles held in memory (generated ones); word lists come from the bundled defaults. */
public final class InMemoryContentSource implements ContentSource {

    private final List<ContentFile> files;
    private final String description;

    public InMemoryContentSource(List<ContentFile> files, String description) {
        this.files = List.copyOf(files);
        this.description = description;
    }

    @Override
    public List<ContentFile> articleFiles() {
        return files;
    }

    @Override
    public Optional<String> listFile(String name) {
        return Optional.empty();
    }

    @Override
    public String describe() {
        return description;
    }
}
