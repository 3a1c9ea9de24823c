package fi.matala.knowledge;

import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.support.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The knowledge bank over HTTP: public search, the audience rule, safe articles, staff suggestions, bad input. */
class KnowledgeApiTest {
  static TestServer bundled;
  static TestServer custom;

  static final String WORKER_ONLY = """
      ---
      id: tyontekija-sisainen-ohje
      lang: fi
      group: tyontekija-sisainen-ohje
      title: Sisäinen ohje päihdetyöntekijälle
      audience: [worker]
      topics: [päihteet, työntekijä]
      summary: Vain työntekijöille tarkoitettu ohje alkoholin käytön puheeksiottoon.
      ---

      Alkoholi ja puheeksiotto: työntekijän sisäinen ohje. <script>alert(1)</script>

      ## Vastausehdotus

      Kiitos kun kerroit alkoholin käytöstä.
      """;

  static final String CITIZEN = """
      ---
      id: alkoholi-perustieto
      lang: fi
      group: alkoholi-perustieto
      title: Alkoholi ja terveys
      audience: [citizen, worker]
      topics: [päihteet, alkoholi]
      summary: Perustietoa alkoholin käytöstä.
      ---

      Alkoholi vaikuttaa terveyteen. [linkki](javascript:alert(1))

      ## Vastausehdotus

      Alkoholista voi puhua kanssamme.
      """;

  @BeforeAll
  static void start() throws Exception {
    bundled = TestServer.start();
    Path dir = Files.createTempDirectory("kb-articles");
    Files.writeString(dir.resolve("worker.md"), WORKER_ONLY);
    Files.writeString(dir.resolve("citizen.md"), CITIZEN);
    custom = TestServer.start(Map.of("MATALA_KB_DIR", dir.toString()));
  }

  @AfterAll
  static void stop() {
    bundled.close();
    custom.close();
  }

  static HttpResponse<Buffer> get(TestServer s, String path, String token) {
    var req = s.client.get(path);
    if (token != null) {
      req.putHeader("Authorization", "Bearer " + token);
    }
    return await(req.send());
  }

  static String q(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  static List<String> ids(HttpResponse<Buffer> r) {
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getJsonArray("hits").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  @Test
  void citizensSearchTheBundledArticlesInFinnish() {
    List<String> hits = ids(get(bundled, "/api/kb/search?lang=fi&limit=5&q=" + q("tarviiko päihdepalveluihin lähetteen"), null));
    assertFalse(hits.isEmpty());
    assertEquals("paihteet-hoitoon-hakeutuminen", hits.get(0));
    JsonObject first = get(bundled, "/api/kb/search?lang=fi&q=" + q("ahistaa koko ajan"), null).bodyAsJsonObject()
        .getJsonArray("hits").getJsonObject(0);
    assertTrue(first.getString("title").length() > 0 && first.getString("summary").length() > 0);
    assertTrue(first.getDouble("score") > 0);
  }

  @Test
  void workerOnlyArticlesAreNeverShownToCitizens() {
    String search = "/api/kb/search?lang=fi&q=" + q("alkoholi puheeksiotto");
    assertEquals(List.of("alkoholi-perustieto"), ids(get(custom, search, null)));
    assertTrue(ids(get(custom, search, custom.token("worker"))).contains("tyontekija-sisainen-ohje"));
    assertEquals(404, get(custom, "/api/kb/articles/tyontekija-sisainen-ohje", null).statusCode());
    assertEquals(200, get(custom, "/api/kb/articles/tyontekija-sisainen-ohje", custom.token("worker")).statusCode());
    assertEquals(401, get(custom, search, "expired.or.forged").statusCode());
  }

  @Test
  void articlesAreRenderedWithoutHtmlOrScriptFromContent() {
    JsonObject worker = get(custom, "/api/kb/articles/tyontekija-sisainen-ohje", custom.token("worker")).bodyAsJsonObject();
    assertFalse(worker.getString("bodyHtml").contains("<script"), worker.getString("bodyHtml"));
    assertTrue(worker.getString("reply").contains("Kiitos kun kerroit"));
    JsonObject citizen = get(custom, "/api/kb/articles/alkoholi-perustieto", null).bodyAsJsonObject();
    assertFalse(citizen.getString("bodyHtml").contains("javascript:"), citizen.getString("bodyHtml"));
    assertEquals(404, get(bundled, "/api/kb/articles/no-such-article", null).statusCode());
  }

  @Test
  void suggestionsAreForStaffAndFlagRisk() {
    JsonObject body = new JsonObject().put("text", "en jaksa enää, haluan kuolla").put("lang", "fi");
    assertEquals(401, await(bundled.client.post("/api/kb/suggest").sendJsonObject(body)).statusCode());
    HttpResponse<Buffer> r = await(bundled.client.post("/api/kb/suggest")
        .putHeader("Authorization", "Bearer " + bundled.token("worker")).sendJsonObject(body));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    JsonObject s = r.bodyAsJsonObject();
    assertTrue(s.getBoolean("risk"));
    JsonArray list = s.getJsonArray("suggestions");
    assertEquals("mielenterveys-itsetuhoiset-ajatukset", list.getJsonObject(0).getString("id"));
    assertTrue(list.getJsonObject(0).getString("reply").length() > 20);

    HttpResponse<Buffer> calm = await(bundled.client.post("/api/kb/suggest")
        .putHeader("Authorization", "Bearer " + bundled.token("worker"))
        .sendJsonObject(new JsonObject().put("text", "juon liikaa kaljaa viikonloppuisin").put("lang", "fi")));
    assertFalse(calm.bodyAsJsonObject().getBoolean("risk"));
  }

  @Test
  void badInputGetsAClear400() {
    assertEquals("empty_query", get(bundled, "/api/kb/search?lang=fi&q=", null).bodyAsJsonObject().getString("error"));
    assertEquals("too_long", get(bundled, "/api/kb/search?lang=fi&q=" + "a".repeat(600), null)
        .bodyAsJsonObject().getString("error"));
    assertEquals("control_characters", get(bundled, "/api/kb/search?lang=fi&q=" + q("a\u0007b"), null)
        .bodyAsJsonObject().getString("error"));
    assertEquals("unknown_language", get(bundled, "/api/kb/search?lang=de&q=hallo", null)
        .bodyAsJsonObject().getString("error"));
    assertEquals("bad_limit", get(bundled, "/api/kb/search?lang=fi&limit=x&q=apua", null)
        .bodyAsJsonObject().getString("error"));
    assertEquals("bad_limit", get(bundled, "/api/kb/search?lang=fi&limit=500&q=apua", null)
        .bodyAsJsonObject().getString("error"));
    HttpResponse<Buffer> huge = await(bundled.client.post("/api/kb/suggest")
        .putHeader("Authorization", "Bearer " + bundled.token("worker"))
        .sendJsonObject(new JsonObject().put("text", "sana ".repeat(2000)).put("lang", "fi")));
    assertEquals(400, huge.statusCode());
    assertEquals("too_long", huge.bodyAsJsonObject().getString("error"));
  }
}
