package fi.matala.e2ee;

import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.support.TestServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The organisation root travels inside the pages the server delivers (docs/e2ee.md). */
class RootStampedPagesTest {
  private static final Pattern ROOT_META = Pattern.compile("<meta name=\"matala-org-root\" content=\"([^\"]*)\"");

  @Test
  void citizenAndStaffPagesCarryThisInstallationsRoot() {
    try (TestServer server = TestServer.start()) {
      String root = Base64.getEncoder().encodeToString(server.platform.services().organisationCa().rootDer());
      for (String path : new String[] {"/", "/?lang=en", "/index.html", "/staff/", "/staff/index.html"}) {
        HttpResponse<Buffer> page = await(server.client.get(path).send());
        assertEquals(200, page.statusCode(), path);
        assertTrue(page.getHeader("Content-Type").startsWith("text/html"), path);
        assertEquals("no-cache", page.getHeader("Cache-Control"), path);
        assertTrue(page.getHeader("Content-Security-Policy").contains("script-src 'self'"), path);
        Matcher m = ROOT_META.matcher(page.bodyAsString());
        assertTrue(m.find(), path + " has the root meta");
        assertEquals(root, m.group(1), path);
        assertTrue(page.bodyAsString().contains("<script type=\"module\""), path + " still loads its code");
      }
      // frames: only the citizen page may be embedded
      assertEquals("DENY", await(server.client.get("/staff/").send()).getHeader("X-Frame-Options"));
      assertEquals(null, await(server.client.get("/").send()).getHeader("X-Frame-Options"));

      // a poor network revalidates instead of downloading the page again
      String etag = await(server.client.get("/").send()).getHeader("ETag");
      HttpResponse<Buffer> again = await(server.client.get("/").putHeader("If-None-Match", etag).send());
      assertEquals(304, again.statusCode());
    }
  }

  @Test
  void aPageWithoutExactlyOnePlaceholderIsABrokenBuild() {
    byte[] root = {1, 2, 3};
    String page = "<head>" + RootStampedPages.PLACEHOLDER + " /></head>";
    assertEquals("<head><meta name=\"matala-org-root\" content=\"AQID\" /></head>",
        RootStampedPages.stamp(page, root, "x.html"));
    assertThrows(IllegalStateException.class, () -> RootStampedPages.stamp("<head></head>", root, "x.html"));
    assertThrows(IllegalStateException.class, () -> RootStampedPages.stamp(page + page, root, "x.html"));
  }

  @Test
  void aBundleBuiltWithAPinnedRootRefusesAnotherCa() {
    byte[] root = {1, 2, 3};
    String matching = fi.matala.crypto.Sha256.hex(root);
    RootStampedPages.checkPin(Optional.empty(), root);
    RootStampedPages.checkPin(Optional.of(matching), root);
    RootStampedPages.checkPin(Optional.of(matching.toUpperCase()), root);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> RootStampedPages.checkPin(Optional.of(fi.matala.crypto.Sha256.hex(new byte[] {9})), root));
    assertTrue(e.getMessage().contains("pinned organisation root"), e.getMessage());
  }
}
