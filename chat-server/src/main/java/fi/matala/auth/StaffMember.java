package fi.matala.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.bson.Document;

/**
 * A staff account as the API shows it; the password hash never leaves {@link StaffRepository}.
 * {@code sessionVersion} grows whenever the account is disabled or its roles change: access tokens
 * state the version they were issued under, and older ones stop working ({@link StaffRevocations}).
 */
public record StaffMember(String id, String username, String displayName, List<Role> roles, boolean disabled,
    int sessionVersion) {

  public boolean has(Role role) {
    return roles.contains(role);
  }

  public JsonObject toJson() {
    JsonArray r = new JsonArray();
    roles.forEach(role -> r.add(role.id()));
    return new JsonObject().put("id", id).put("username", username).put("displayName", displayName)
        .put("roles", r).put("disabled", disabled);
  }

  static StaffMember fromDocument(Document d) {
    List<Role> roles = d.getList("roles", String.class, List.of()).stream()
        .map(Role::parse).flatMap(java.util.Optional::stream).toList();
    return new StaffMember(d.getString("_id"), d.getString("username"), d.getString("displayName"),
        roles, d.getBoolean("disabled", false), d.getInteger("sessionVersion", 0));
  }
}
