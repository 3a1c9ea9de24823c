package fi.matala.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fi.matala.support.TestServer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Existing files with wider permissions are reported at start-up: a server-made private key that
 * other users can reach stops the start; group access, the data directory and an operator's key
 * are warnings (docs/operations.md, "Key files").
 */
class PermissionCheckTest {

  @BeforeEach
  void posixOnly() {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "not a POSIX file system");
  }

  @Test
  void aServerKeyOthersCanReadStopsTheStartAndGroupAccessOnlyWarns() throws Exception {
    Path dataDir = Files.createTempDirectory("matala-perm-check").resolve("data");
    TestServer.start(dataDir, Map.of()).close();
    Path key = dataDir.resolve("org-ca").resolve("issuing-key.pem");

    chmod(key, "rw-r--r--");
    IllegalStateException refused = assertThrows(IllegalStateException.class, () -> TestServer.start(dataDir, Map.of()));
    String why = rootMessage(refused);
    assertTrue(why.contains(key.toString()) && why.contains("rw-r--r--"), why);

    chmod(key, "rw-r-----");
    chmod(dataDir, "rwxr-xr-x");
    TestServer.start(dataDir, Map.of()).close(); // warnings only
    assertEquals("rw-r-----", OwnerOnlyFilesTest.permissions(key), "the server does not change an operator's choice");
  }

  @Test
  void findingsNameThePathWhatIsOpenAndTheFix() throws Exception {
    Path dir = Files.createTempDirectory("matala-findings");
    Path ownKey = Files.writeString(dir.resolve("own.pem"), "k");
    Path operatorKey = Files.writeString(dir.resolve("operator.pem"), "k");
    Path data = Files.createDirectory(dir.resolve("data"));
    Path fine = Files.writeString(dir.resolve("fine.pem"), "k");
    chmod(ownKey, "rw----r--");
    chmod(operatorKey, "rw-r--r--");
    chmod(data, "rwxrwx---");
    chmod(fine, "rw-------");

    List<PermissionCheck.Finding> findings = PermissionCheck.inspect(List.of(
        new PermissionCheck.Protected(ownKey, PermissionCheck.Kind.OWN_KEY),
        new PermissionCheck.Protected(operatorKey, PermissionCheck.Kind.OPERATOR_KEY),
        new PermissionCheck.Protected(data, PermissionCheck.Kind.DATA),
        new PermissionCheck.Protected(fine, PermissionCheck.Kind.OWN_KEY),
        new PermissionCheck.Protected(dir.resolve("missing.pem"), PermissionCheck.Kind.OWN_KEY)));

    assertEquals(List.of(ownKey, operatorKey, data), findings.stream().map(PermissionCheck.Finding::path).toList());
    assertEquals(List.of(true, false, false), findings.stream().map(PermissionCheck.Finding::refuse).toList());
    assertTrue(findings.get(0).message().contains("chmod 600 " + ownKey), findings.get(0).message());
    assertTrue(findings.get(2).message().contains("chmod 700 " + data), findings.get(2).message());
    assertTrue(findings.get(2).message().contains("its group"), findings.get(2).message());
  }

  private static void chmod(Path p, String permissions) throws Exception {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(permissions));
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return String.valueOf(t.getMessage());
  }
}
