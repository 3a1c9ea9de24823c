package fi.matala.knowledge;

import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.support.TestServer;
import fi.matala.support.WsClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The knowledge bank over HTTP: the client indexes and their audiences, live changes, safe articles, bad input. */
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

  static List<String> ids(HttpResponse<Buffer> r) {
    assertEquals(200, r.statusCode(), r.bodyAsString());
    return r.bodyAsJsonObject().getJsonArray("articles").stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  @Test
  void citizensGetTheCitizenIndexRevalidatedByItsVersion() {
    HttpResponse<Buffer> r = get(bundled, "/api/kb/index/citizen", null);
    assertEquals(200, r.statusCode());
    JsonObject index = r.bodyAsJsonObject();
    assertEquals(1, index.getInteger("format"));
    assertEquals("citizen", index.getString("audience"));
    assertEquals(96, index.getJsonArray("articles").size());
    assertEquals("\"" + index.getString("version") + "\"", r.getHeader("ETag"));
    assertEquals("no-cache", r.getHeader("Cache-Control"));
    HttpResponse<Buffer> again = await(bundled.client.get("/api/kb/index/citizen")
        .putHeader("If-None-Match", r.getHeader("ETag")).send());
    assertEquals(304, again.statusCode());
    assertEquals(0, again.body() == null ? 0 : again.body().length());
  }

  @Test
  void theIndexTravelsCompressedOnceForEveryone() throws Exception {
    HttpResponse<Buffer> plain = get(bundled, "/api/kb/index/citizen", null);
    HttpResponse<Buffer> zipped = await(bundled.client.get("/api/kb/index/citizen")
        .putHeader("Accept-Encoding", "gzip").send());
    assertEquals(200, zipped.statusCode());
    assertEquals("gzip", zipped.getHeader("Content-Encoding"));
    assertEquals("Accept-Encoding", zipped.getHeader("Vary"));
    byte[] inflated;
    try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(zipped.body().getBytes()))) {
      inflated = in.readAllBytes();
    }
    assertEquals(plain.bodyAsString(), new String(inflated, java.nio.charset.StandardCharsets.UTF_8));
    assertTrue(zipped.body().length() < plain.body().length() / 2, "compressed");
  }

  @Test
  void workerOnlyArticlesAreOnlyInTheStaffIndex() {
    assertEquals(List.of("alkoholi-perustieto"), ids(get(custom, "/api/kb/index/citizen", null)));
    assertEquals(401, get(custom, "/api/kb/index/staff", null).statusCode());
    assertEquals(401, get(custom, "/api/kb/index/staff", "expired.or.forged").statusCode());
    HttpResponse<Buffer> staff = get(custom, "/api/kb/index/staff", custom.token("worker"));
    assertEquals(List.of("alkoholi-perustieto", "tyontekija-sisainen-ohje"), ids(staff));
    assertTrue(staff.getHeader("Cache-Control").startsWith("private"), "only the staff member's browser keeps it");
    assertFalse(get(custom, "/api/kb/index/citizen", null).bodyAsString().contains("puheeksiotto"));
    assertEquals(404, get(custom, "/api/kb/articles/tyontekija-sisainen-ohje", null).statusCode());
    assertEquals(200, get(custom, "/api/kb/articles/tyontekija-sisainen-ohje", custom.token("worker")).statusCode());
  }

  @Test
  void articlesAreRenderedWithoutHtmlOrScriptFromContent() {
    JsonObject worker = get(custom, "/api/kb/articles/tyontekija-sisainen-ohje", custom.token("worker")).bodyAsJsonObject();
    assertFalse(worker.getString("bodyHtml").contains("<script"), worker.getString("bodyHtml"));
    assertTrue(worker.getString("reply").contains("Kiitos kun kerroit"));
    JsonObject citizen = get(custom, "/api/kb/articles/alkoholi-perustieto", null).bodyAsJsonObject();
    assertFalse(citizen.getString("bodyHtml").contains("javascript:"), citizen.getString("bodyHtml"));
    assertEquals(404, get(bundled, "/api/kb/articles/no-such-article", null).statusCode());
    assertEquals("bad_id", get(bundled, "/api/kb/articles/" + "x".repeat(201), null).bodyAsJsonObject()
        .getString("error"));
  }

  /** Chat text and search words never reach the server: the old endpoints that took them are gone. */
  @Test
  void thereIsNoSearchOrSuggestionEndpoint() {
    HttpResponse<Buffer> search = get(bundled, "/api/kb/search?lang=fi&q=apua", null);
    assertEquals(404, search.statusCode());
    assertEquals("not_found", search.bodyAsJsonObject().getString("error"));
    HttpResponse<Buffer> suggest = await(bundled.client.post("/api/kb/suggest")
        .putHeader("Authorization", "Bearer " + bundled.token("worker"))
        .sendJsonObject(new JsonObject().put("text", "haluan kuolla").put("lang", "fi")));
    assertEquals(404, suggest.statusCode());
  }

  @Test
  void staffConsolesAreToldOfNewContent() throws Exception {
    Path dir = Files.createTempDirectory("kb-live");
    Files.writeString(dir.resolve("citizen.md"), CITIZEN);
    try (TestServer live = TestServer.start(Map.of("MATALA_KB_DIR", dir.toString()));
        WsClient ws = WsClient.connect(live.vertx, live.port)) {
      String before = get(live, "/api/kb/index/staff", live.token("worker")).bodyAsJsonObject().getString("version");
      ws.request(new JsonObject().put("type", "staff.auth").put("token", live.token("worker")).put("device",
          "kb-change-device"));
      Files.writeString(dir.resolve("uusi.md"), CITIZEN.replace("alkoholi-perustieto", "uusi-artikkeli"));
      JsonObject changed = ws.expect("kb.changed");
      HttpResponse<Buffer> now = get(live, "/api/kb/index/staff", live.token("worker"));
      assertEquals(now.bodyAsJsonObject().getString("version"), changed.getString("version"));
      assertFalse(before.equals(changed.getString("version")));
      assertTrue(ids(now).contains("uusi-artikkeli"));
    }
  }
}
