package fi.matala.chat.ws;

import java.util.Optional;

/** The fields of a `msg.send` frame, read in the same order for citizens and staff (the first bad one is reported). */
record OutgoingMessage(String conversation, String data, Optional<String> to) {
  static OutgoingMessage read(Frame f) {
    String conversation = f.token("conversation", 64);
    String data = f.string("data", ChatSocket.MAX_FRAME_CHARS);
    return new OutgoingMessage(conversation, data, f.optionalToken("to", 64));
  }
}
