package fi.matala.http;

import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.support.TestServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only the configured municipal sites (MATALA_EMBEDDING_ORIGINS) may frame the citizen page; nobody may frame staff pages. */
class EmbeddingTest {

  static String frameAncestors(TestServer server, String path) {
    String csp = await(server.client.get(path).send()).getHeader("Content-Security-Policy");
    for (String directive : csp.split(";")) {
      if (directive.trim().startsWith("frame-ancestors")) {
        return directive.trim();
      }
    }
    throw new AssertionError("no frame-ancestors in " + csp);
  }

  @Test
  void theCitizenPageMayBeFramedByTheConfiguredSitesOnly() {
    try (TestServer server = TestServer.start(Map.of("MATALA_EMBEDDING_ORIGINS",
        "https://www.kunta.example, https://*.hyvinvointialue.example:8443"))) {
      assertEquals("frame-ancestors 'self' https://www.kunta.example https://*.hyvinvointialue.example:8443",
          frameAncestors(server, "/"));
      assertEquals(frameAncestors(server, "/"), frameAncestors(server, "/index.html"));
      assertEquals("frame-ancestors 'none'", frameAncestors(server, "/staff/"));
      assertNull(await(server.client.get("/").send()).getHeader("X-Frame-Options"));
      assertEquals("DENY", await(server.client.get("/staff/").send()).getHeader("X-Frame-Options"));
    }
  }

  @Test
  void withoutConfigurationNoOtherSiteMayFrameIt() {
    try (TestServer server = TestServer.start()) {
      String ancestors = frameAncestors(server, "/");
      assertEquals("frame-ancestors 'self'", ancestors);
      assertFalse(ancestors.contains("https:"), "not any https site: " + ancestors);
      assertTrue(frameAncestors(server, "/staff/").contains("'none'"));
    }
  }
}
