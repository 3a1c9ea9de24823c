package fi.matala.chat.queue;

import io.vertx.core.json.JsonObject;
import org.bson.Document;

/**
 * A configured queue: the topic a citizen picks, in three languages, with its weight in
 * "take next" (higher first) and its opening hours.
 */
public record QueueDefinition(String id, Document name, Document description, int priority, OpeningHours hours) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id)
        .put("name", new JsonObject(name.toJson()))
        .put("description", new JsonObject(description.toJson()))
        .put("priority", priority)
        .put("openingHours", new JsonObject(hours.toDocument().toJson()));
  }

  public Document toDocument() {
    return new Document("_id", id).append("name", name).append("description", description).append("priority", priority)
        .append("hours", hours.always() ? null : hours.toDocument());
  }

  static QueueDefinition fromDocument(Document d) {
    return new QueueDefinition(d.getString("_id"), d.get("name", Document.class), d.get("description", Document.class),
        d.getInteger("priority", 0), OpeningHours.fromDocument(d.get("hours", Document.class)));
  }
}
