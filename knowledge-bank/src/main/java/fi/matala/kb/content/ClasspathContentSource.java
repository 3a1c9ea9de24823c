package fi.matala.kb.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The default content bundled in the jar under {@code kb/}. Class-path directories cannot
 * be listed inside a (shaded) jar, so the article names come from {@code kb/articles/index.txt},
 * which the build writes. Running from an IDE without the Maven build, the directory is
 * listed directly instead.
 */
public final class ClasspathContentSource implements ContentSource {

    public static final String ROOT = "kb/";
    public static final String ARTICLES = ROOT + "articles/";
    public static final String INDEX = ARTICLES + "index.txt";

    private final ClassLoader loader;

    public ClasspathContentSource() {
        this(ClasspathContentSource.class.getClassLoader());
    }

    public ClasspathContentSource(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public List<ContentFile> articleFiles() throws IOException {
        List<ContentFile> files = new ArrayList<>();
        for (String name : articleNames()) {
            String text = read(ARTICLES + name).orElseThrow(
                    () -> new IOException("bundled article listed in index but missing: " + name));
            files.add(new ContentFile(name, text));
        }
        return files;
    }

    @Override
    public Optional<String> listFile(String name) throws IOException {
        return read(ROOT + name);
    }

    @Override
    public String describe() {
        return "bundled content";
    }

    private List<String> articleNames() throws IOException {
        Optional<String> index = read(INDEX);
        if (index.isPresent()) {
            return index.get().lines().map(String::strip).filter(l -> l.endsWith(".md")).toList();
        }
        URL dir = loader.getResource(ARTICLES);
        if (dir == null || !"file".equals(dir.getProtocol())) {
            throw new IOException("bundled article index " + INDEX + " is missing (was the jar built with Maven?)");
        }
        try (Stream<Path> paths = Files.list(Path.of(dir.toURI()))) {
            return paths.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md")).sorted().toList();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private Optional<String> read(String resource) throws IOException {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
