package fi.matala.config;

/** A configuration value that cannot be used; the message names the setting and is shown as one line. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String setting, String problem) {
    super("Invalid configuration " + setting + ": " + problem);
  }
}
