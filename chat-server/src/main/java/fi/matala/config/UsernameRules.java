package fi.matala.config;

/** One rule for staff usernames, shared by configuration and the admin API. */
public final class UsernameRules {
  public static final String PATTERN = "[a-z0-9][a-z0-9._-]{1,63}";
  public static final String DESCRIPTION = "2-64 characters: lower-case letters, digits, '.', '_' or '-'";

  private UsernameRules() {}

  public static boolean valid(String username) {
    return username != null && username.matches(PATTERN);
  }
}
