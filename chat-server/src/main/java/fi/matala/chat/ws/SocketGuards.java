package fi.matala.chat.ws;

import fi.matala.config.FloodLimits;

/**
 * The per-address and per-connection limits of the chat WebSocket, shared by every connection on
 * this node (thread-safe, memory only): built once by {@link fi.matala.Platform}.
 */
public record SocketGuards(FloodLimits limits, SocketOrigins origins, ConnectionCap connections,
    ResumeThrottle resumes) {

  public void sweep() {
    resumes.sweep();
  }
}
