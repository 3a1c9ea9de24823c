package fi.matala.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import fi.matala.keys.PemFiles;
import fi.matala.support.TestServer;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Key files and the data directory are owner-only from the moment they exist. Skipped where the
 * file system has no POSIX permissions (there is nothing to check).
 */
class OwnerOnlyFilesTest {

  @BeforeEach
  void posixOnly() {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "not a POSIX file system");
  }

  @Test
  void everyFileAndDirectoryAFirstStartCreatesIsOwnerOnly() throws IOException {
    // a data directory (and a parent) that does not exist yet: the server creates all of it
    Path dataDir = Files.createTempDirectory("matala-perms").resolve("srv").resolve("data");
    try (TestServer server = TestServer.start(dataDir, Map.of())) {
      List<String> wrong = new ArrayList<>();
      List<Path> seen = new ArrayList<>();
      try (Stream<Path> all = Files.walk(dataDir.getParent())) {
        all.forEach(p -> {
          seen.add(p);
          String expected = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "rwx------" : "rw-------";
          String actual = permissions(p);
          if (!expected.equals(actual)) {
            wrong.add(dataDir.getParent().relativize(p) + " is " + actual);
          }
        });
      }
      assertEquals(List.of(), wrong, "files and directories open to others right after creation");
      for (String key : List.of("tls-key.pem", "jwt-signing-key.pem", "org-ca/root-key.pem", "org-ca/issuing-key.pem",
          "org-ca", "db", "db/matala.mv")) {
        assertTrue(seen.contains(dataDir.resolve(key)), key + " was created and checked");
      }
    }
  }

  @Test
  void aLeftoverTemporaryFileIsNeverWrittenThrough() throws IOException {
    Path dir = Files.createTempDirectory("matala-tmp-link");
    Path elsewhere = Files.createTempDirectory("elsewhere").resolve("collected.pem");
    Files.createFile(elsewhere, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-rw-rw-")));
    // what an interrupted write, or someone able to write the directory, could leave behind
    Files.createSymbolicLink(dir.resolve("key.pem.tmp"), elsewhere);

    PemFiles.writeSecret(dir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nsecret\n");

    assertEquals("", Files.readString(elsewhere), "the key went through the leftover link");
    assertFalse(Files.isSymbolicLink(dir.resolve("key.pem")));
    assertEquals("rw-------", permissions(dir.resolve("key.pem")));
    assertEquals("-----BEGIN PRIVATE KEY-----\nsecret\n", Files.readString(dir.resolve("key.pem")));
    assertFalse(Files.exists(dir.resolve("key.pem.tmp"), LinkOption.NOFOLLOW_LINKS));
  }

  static String permissions(Path p) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
    } catch (IOException e) {
      return e.toString();
    }
  }
}
