package fi.matala.kb.content;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Articles ({@code *.md}) in one directory, not recursive. Word lists placed in the same
 * directory (for example {@code synonyms-fi.txt}) override the bundled ones, so a deployment
 * can maintain them alongside its content.
 */
public final class DirectoryContentSource implements ContentSource {

    private final Path dir;

    public DirectoryContentSource(Path dir) {
        this.dir = dir;
    }

    @Override
    public List<ContentFile> articleFiles() throws IOException {
        List<ContentFile> files = new ArrayList<>();
        for (Path p : list(".md")) {
            String name = p.getFileName().toString();
            try {
                files.add(new ContentFile(name, decode(Files.readAllBytes(p))));
            } catch (NoSuchFileException e) {
                // Deleted between listing and reading: the next poll sees the deletion.
            } catch (CharacterCodingException e) {
                files.add(ContentFile.unreadable(name, "file is not valid UTF-8"));
            }
        }
        return files;
    }

    @Override
    public Optional<String> listFile(String name) throws IOException {
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(p, StandardCharsets.UTF_8));
    }

    @Override
    public String describe() {
        return "directory " + dir;
    }

    /**
     * Size and modification time of every relevant file: when this changes, content is
     * reloaded. Cheap enough to poll every few seconds for thousands of files.
     */
    public Map<String, String> fingerprint() throws IOException {
        Map<String, String> print = new TreeMap<>();
        List<Path> files = new ArrayList<>(list(".md"));
        files.addAll(list(".txt"));
        for (Path p : files) {
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                print.put(p.getFileName().toString(), a.size() + "@" + a.lastModifiedTime().toMillis()
                        + "." + a.lastModifiedTime().toInstant().getNano());
            } catch (NoSuchFileException e) {
                // Gone already; absence is part of the fingerprint.
            }
        }
        return print;
    }

    private List<Path> list(String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        }
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }
}
