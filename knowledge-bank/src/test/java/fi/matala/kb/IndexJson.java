package fi.matala.kb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.matala.kb.publish.ClientIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a client index in tests. */
public final class IndexJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private IndexJson() {
    }

    public static JsonNode tree(ClientIndex index) {
        try {
            return MAPPER.readTree(index.json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> ids(ClientIndex index) {
        List<String> ids = new ArrayList<>();
        tree(index).get("articles").forEach(a -> ids.add(a.get("id").asText()));
        return ids;
    }

    /** The ids of the articles whose field (e.g. "fi.main") holds {@code term}. */
    public static List<String> postings(ClientIndex index, String field, String term) {
        JsonNode root = tree(index);
        JsonNode list = root.get("fields").get(field).get("terms").get(term);
        List<String> ids = new ArrayList<>();
        if (list != null) {
            for (int i = 0; i < list.size(); i += 2) {
                ids.add(root.get("articles").get(list.get(i).asInt()).get("id").asText());
            }
        }
        return ids;
    }

    /** The raw JSON as text, to look for anything that must not be in it. */
    public static String text(ClientIndex index) {
        return new String(index.json(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
