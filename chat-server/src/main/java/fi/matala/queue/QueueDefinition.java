package fi.matala.queue;

import io.vertx.core.json.JsonObject;
import org.bson.Document;

/** A configured queue: the topic a citizen picks, in three languages. */
public record QueueDefinition(String id, Document name, Document description, int priority) {

  public JsonObject toJson() {
    return new JsonObject().put("id", id)
        .put("name", new JsonObject(name.toJson()))
        .put("description", new JsonObject(description.toJson()))
        .put("priority", priority);
  }

  public Document toDocument() {
    return new Document("_id", id).append("name", name).append("description", description).append("priority", priority);
  }

  static QueueDefinition fromDocument(Document d) {
    return new QueueDefinition(d.getString("_id"), d.get("name", Document.class), d.get("description", Document.class),
        d.getInteger("priority", 0));
  }
}
