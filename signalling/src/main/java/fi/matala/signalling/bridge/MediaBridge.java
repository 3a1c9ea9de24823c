package fi.matala.signalling.bridge;

import io.vertx.core.Future;

/**
 * A selective forwarding unit the rooms can put their media through (docs/video.md, "Bridges"):
 * Jitsi Videobridge 2 over Colibri2, or Janus VideoRoom. The rooms know only this interface; the
 * browser learns {@link #kind()} and runs the matching client, and the {@code sfu.*} frames between
 * them are the adapter's business.
 */
public interface MediaBridge {

  /** "jitsi" or "janus": which SFU client the browser runs. */
  String kind();

  /** Where it is (for logs and operations), e.g. "janus:http://127.0.0.1:8088". */
  String describe();

  /** False once a health check failed: new rooms avoid it, and its rooms are moved. */
  boolean healthy();

  /** Endpoints in use, for choosing the least loaded bridge. */
  int load();

  /**
   * Allocates this admitted seat's endpoint in the room's conference (creating the conference on
   * first use). Nothing is allocated for a seat that is still in the lobby.
   */
  Future<BridgeSession> join(String room, String seat, SessionListener listener);

  /** The room ended: its conference and every endpoint in it go. */
  Future<Void> close(String room);
}
