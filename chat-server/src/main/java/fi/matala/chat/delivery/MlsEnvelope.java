package fi.matala.chat.delivery;

import fi.matala.chat.ChatException;
import fi.matala.chat.delivery.mls.ContentType;
import fi.matala.chat.delivery.mls.MlsFormatException;
import fi.matala.chat.delivery.mls.MlsMessageHeader;
import fi.matala.chat.delivery.mls.WireFormat;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;

/**
 * What the delivery service reads of a client's MLS message before storing it: the wire format,
 * group, epoch and content type from the RFC 9420 framing, and whether a PublicMessage's sender is
 * outside the group. It never decrypts.
 */
public record MlsEnvelope(byte[] data, String wire, String content, long epoch, boolean fromNonMember) {
  /** Largest MLS message accepted (decoded bytes). */
  public static final int MAX_BYTES = 48 * 1024;

  public boolean isCommit() {
    return "commit".equals(content);
  }

  public boolean isWelcome() {
    return "welcome".equals(wire);
  }

  /** A PrivateMessage whose clear-text content type is application: chat content, no group change. */
  public boolean isPrivateApplication() {
    return "private".equals(wire) && "application".equals(content);
  }

  /** Decodes and checks a message for the conversation whose MLS group id is groupIdB64. */
  public static MlsEnvelope read(String base64, String groupIdB64) {
    byte[] data;
    try {
      data = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new ChatException("bad_mls", "'data' is not base64");
    }
    if (data.length > MAX_BYTES) {
      throw new ChatException("too_large", "MLS message larger than " + MAX_BYTES + " bytes");
    }
    MlsMessageHeader header;
    try {
      header = MlsMessageHeader.parse(data, MAX_BYTES);
    } catch (MlsFormatException e) {
      throw new ChatException("bad_mls", "Not a valid MLS message (" + e.code().name().toLowerCase(Locale.ROOT) + ")");
    }
    WireFormat wf = header.wireFormat();
    switch (wf) {
      case WELCOME -> {
        return new MlsEnvelope(data, "welcome", null, -1, false);
      }
      case PUBLIC_MESSAGE, PRIVATE_MESSAGE -> {
        byte[] group = header.groupId().orElseThrow(() -> new ChatException("bad_mls", "MLS message without group id"));
        if (!Arrays.equals(group, Base64.getDecoder().decode(groupIdB64))) {
          throw new ChatException("wrong_group", "The MLS message belongs to another group");
        }
        ContentType ct = header.contentType().orElseThrow(() -> new ChatException("bad_mls", "MLS message without content type"));
        return new MlsEnvelope(data, wf == WireFormat.PUBLIC_MESSAGE ? "public" : "private",
            ct.name().toLowerCase(Locale.ROOT), header.epoch().orElseThrow(), header.isFromNonMember());
      }
      default -> throw new ChatException("bad_mls", "Only MLS public, private and welcome messages are relayed");
    }
  }
}
