package fi.matala.config;

/** One rule for staff passwords, shared by configuration and the admin API. */
public final class PasswordRules {
  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 256;
  public static final String DESCRIPTION = "must be 12-256 characters";

  private PasswordRules() {}

  public static boolean valid(String password) {
    return password != null && password.length() >= MIN_LENGTH && password.length() <= MAX_LENGTH;
  }
}
