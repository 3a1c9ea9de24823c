package fi.matala.signalling.bridge;

import io.vertx.core.json.JsonObject;

/** What a bridge session tells the room about its seat. Called on the seat's event loop. */
public interface SessionListener {

  /** An {@code sfu.*} frame for this seat's browser. */
  void toClient(JsonObject sfuFrame);

  /** This seat's sources changed: the other seats' sessions must learn of them. */
  void sourcesChanged();

  /** The bridge is gone or refused this seat: the room moves to another bridge. */
  void failed(Throwable cause);
}
