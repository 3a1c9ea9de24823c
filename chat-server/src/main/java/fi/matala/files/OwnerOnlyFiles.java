package fi.matala.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files and directories that only the server's user may use, owner-only from the moment they
 * exist: the permissions are given to the system call that creates them (they can only be
 * narrowed by the umask, never widened), so there is no window in which another user could open
 * a key that is written first and restricted after. Where the file system has no POSIX
 * permissions the platform's defaults apply, and the data directory's own protection must do.
 */
public final class OwnerOnlyFiles {
  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private OwnerOnlyFiles() {}

  /** Creates the directory and any missing parents owner-only; an existing one is left as it is. */
  public static Path createDirectories(Path dir) {
    if (Files.isDirectory(dir)) {
      return dir; // also through a symbolic link, which createDirectories would refuse
    }
    try {
      try {
        return Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
      } catch (UnsupportedOperationException notPosix) {
        return Files.createDirectories(dir);
      }
    } catch (FileAlreadyExistsException e) {
      throw new UncheckedIOException("cannot create directory " + dir + ": something that is not a directory is in the way", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create directory " + dir, e);
    }
  }

  /** Creates an empty owner-only file unless the file exists (for files a library then opens). */
  public static void createFileIfMissing(Path file) {
    if (Files.exists(file)) {
      return;
    }
    try {
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException raced) {
      // created meanwhile by someone else: the start-up check reports its permissions
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file, e);
    }
  }

  /**
   * Replaces the file's content atomically: a new owner-only file beside it is written and
   * flushed to disk, then renamed over it. A crash leaves the old file or the new, never a
   * half-written key.
   */
  public static void writeAtomically(Path file, byte[] content) {
    Path absolute = file.toAbsolutePath();
    createDirectories(absolute.getParent());
    Path tmp = absolute.resolveSibling(absolute.getFileName() + ".tmp");
    try {
      Files.deleteIfExists(tmp); // left over from an interrupted write
      try (FileChannel out = openNew(tmp)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        out.force(true);
      }
      Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** CREATE_NEW: fails rather than follow a link or reuse a file someone else prepared. */
  private static FileChannel openNew(Path file) throws IOException {
    Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(FILE);
    try {
      return FileChannel.open(file, options, ownerOnly);
    } catch (UnsupportedOperationException notPosix) {
      return FileChannel.open(file, options);
    }
  }
}
