package fi.matala.signalling.bridge;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** One seat's endpoint on a bridge. */
public interface BridgeSession {

  /** An {@code sfu.*} frame from this seat's browser (already checked to be a JSON object with a type). */
  void onClient(JsonObject sfuFrame);

  /** A host muted this seat: the bridge stops forwarding that kind (audio, video or screen). */
  Future<Void> forceMute(String kind);

  /** The host allowed it again. */
  Future<Void> allow(String kind);

  /** Renegotiate after the seat's network changed (an ICE restart). */
  Future<Void> restart();

  /** The seat left or was removed: its endpoint is expired on the bridge. */
  Future<Void> leave();
}
