package fi.matala.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up, reports files and directories that users other than the server's could reach.
 * Matala creates them owner-only; wider permissions mean someone changed them, or an older
 * version or another tool made them. A private key the server made itself that <em>other
 * users</em> can read or write stops the start: it may have been copied, and only the operator
 * can judge whether to restrict it or replace it. Everything else is a warning: a group that
 * can read (a Kubernetes fsGroup, the Debian ssl-cert group), a data directory made by an older
 * version, or a key file the operator configured and manages. See docs/operations.md.
 */
public final class PermissionCheck {
  private static final Logger LOG = LoggerFactory.getLogger(PermissionCheck.class);
  private static final Set<PosixFilePermission> GROUP = EnumSet.of(PosixFilePermission.GROUP_READ,
      PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE);
  private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.OTHERS_READ,
      PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  private PermissionCheck() {}

  /** What a path is to the server. */
  public enum Kind {
    /** a private key the server generated and keeps in its data directory */
    OWN_KEY,
    /** a private key file the operator configured */
    OPERATOR_KEY,
    /** the data directory, its subdirectories and the embedded database file */
    DATA
  }

  public record Protected(Path path, Kind kind) {}

  public record Finding(Path path, String permissions, boolean refuse, String message) {}

  /** Logs a warning for each finding; throws if one of them must stop the start. */
  public static void atStart(List<Protected> paths) {
    List<Finding> findings = inspect(paths);
    for (Finding f : findings) {
      if (f.refuse()) {
        throw new IllegalStateException(f.message());
      }
    }
    findings.forEach(f -> LOG.warn(f.message()));
  }

  /** The findings for the paths that exist on a POSIX file system (elsewhere there is nothing to read). */
  public static List<Finding> inspect(List<Protected> paths) {
    List<Finding> findings = new ArrayList<>();
    for (Protected p : paths) {
      Set<PosixFilePermission> permissions = permissions(p.path());
      if (permissions == null) {
        continue;
      }
      boolean others = permissions.stream().anyMatch(OTHERS::contains);
      boolean group = permissions.stream().anyMatch(GROUP::contains);
      if (!others && !group) {
        continue;
      }
      String shown = PosixFilePermissions.toString(permissions);
      String who = others ? "other users" : "its group";
      boolean directory = Files.isDirectory(p.path());
      String fix = "chmod " + (directory ? "700 " : "600 ") + p.path();
      findings.add(switch (p.kind()) {
        case OWN_KEY -> others
            ? new Finding(p.path(), shown, true, "The private key " + p.path() + " can be reached by other users ("
                + shown + ") and may have been copied: restrict it (" + fix + ") if it cannot have been, or replace it"
                + " (docs/operations.md, \"Key files\")")
            : new Finding(p.path(), shown, false, "The private key " + p.path() + " is open to " + who + " (" + shown
                + "); restrict it: " + fix);
        case OPERATOR_KEY -> new Finding(p.path(), shown, false, "The configured TLS key " + p.path() + " is open to "
            + who + " (" + shown + "); make it readable by the server's user only");
        case DATA -> new Finding(p.path(), shown, false, p.path() + " is open to " + who + " (" + shown
            + "); it holds the server's keys or database: " + fix);
      });
    }
    return findings;
  }

  private static Set<PosixFilePermission> permissions(Path path) {
    if (!Files.exists(path)) {
      return null;
    }
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    if (view == null) {
      return null;
    }
    try {
      return view.readAttributes().permissions();
    } catch (IOException | UnsupportedOperationException e) {
      return null;
    }
  }
}
