package fi.matala.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/** Raw values with typed, validating accessors; environment variables win over the file. */
final class Settings {
  static final String CONFIG_FILE = "MATALA_CONFIG_FILE";

  private final Map<String, String> values;

  private Settings(Map<String, String> values) {
    this.values = values;
  }

  static Settings from(Map<String, String> env) {
    Map<String, String> merged = new HashMap<>();
    String file = env.get(CONFIG_FILE);
    if (file != null && !file.isBlank()) {
      Properties props = new Properties();
      try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
        props.load(r);
      } catch (IOException | InvalidPathException e) {
        throw new ConfigException(CONFIG_FILE, "cannot read " + file);
      }
      props.forEach((k, v) -> merged.put(k.toString(), v.toString().trim()));
    }
    env.forEach((k, v) -> {
      if (k.startsWith("MATALA_") || k.equals("MONGO_URI")) {
        merged.put(k, v);
      }
    });
    return new Settings(merged);
  }

  Optional<String> optional(Setting s) {
    String v = values.get(s.env());
    if (v == null || v.isBlank()) {
      return Optional.ofNullable(s.defaultValue());
    }
    return Optional.of(v.trim());
  }

  String string(Setting s) {
    return optional(s).orElseThrow(() -> new ConfigException(s.env(), "is required"));
  }

  int intInRange(Setting s, int min, int max) {
    String v = string(s);
    try {
      int i = Integer.parseInt(v);
      if (i < min || i > max) {
        throw new ConfigException(s.env(), "must be between " + min + " and " + max + ", was " + v);
      }
      return i;
    } catch (NumberFormatException e) {
      throw new ConfigException(s.env(), "must be a whole number, was '" + v + "'");
    }
  }

  Duration duration(Setting s, Duration min, Duration max) {
    String v = string(s);
    try {
      Duration d = Duration.parse(v);
      if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        throw new ConfigException(s.env(), "must be between " + min + " and " + max + ", was " + v);
      }
      return d;
    } catch (DateTimeParseException e) {
      throw new ConfigException(s.env(), "must be an ISO-8601 duration such as PT15M, was '" + v + "'");
    }
  }

  String oneOf(Setting s, String... allowed) {
    String v = string(s);
    for (String a : allowed) {
      if (a.equals(v)) {
        return v;
      }
    }
    throw new ConfigException(s.env(), "must be one of " + String.join(", ", allowed) + ", was '" + v + "'");
  }

  Path path(Setting s) {
    return toPath(s, string(s));
  }

  Optional<Path> optionalPath(Setting s) {
    return optional(s).map(v -> toPath(s, v));
  }

  void requireReadable(Setting s, Path p) {
    if (!Files.isReadable(p)) {
      throw new ConfigException(s.env(), "cannot read " + p);
    }
  }

  void requireDirectory(Setting s, Path p) {
    if (!Files.isDirectory(p)) {
      throw new ConfigException(s.env(), "is not a directory: " + p);
    }
  }

  private static Path toPath(Setting s, String v) {
    try {
      return Path.of(v);
    } catch (InvalidPathException e) {
      throw new ConfigException(s.env(), "is not a valid path");
    }
  }
}
