package fi.matala.chat.delivery.mls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import fi.matala.chat.delivery.mls.MlsFormatException.Code;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MlsMessageHeaderTest {

  private static final HexFormat HEX = HexFormat.of();

  /** One entry of src/test/resources/mls/fixtures.json (real ts-mls bytes). */
  record Fixture(String name, String wireFormat, int wireFormatCode, String groupIdHex, Long epoch,
      String contentType, String senderType, Long senderLeafIndex, Long cipherSuite, byte[] bytes) {}

  private static List<Fixture> fixtures;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void loadFixtures() throws IOException {
    try (InputStream in = MlsMessageHeaderTest.class.getResourceAsStream("/mls/fixtures.json")) {
      if (in == null) {
        throw new IOException("fixtures.json missing from test resources");
      }
      Map<String, Object> doc = (Map<String, Object>) MiniJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      fixtures = new ArrayList<>();
      for (Object o : (List<Object>) doc.get("fixtures")) {
        Map<String, Object> f = (Map<String, Object>) o;
        fixtures.add(new Fixture(
            (String) f.get("name"),
            (String) f.get("wireFormat"),
            ((Long) f.get("wireFormatCode")).intValue(),
            (String) f.get("groupIdHex"),
            (Long) f.get("epoch"),
            (String) f.get("contentType"),
            (String) f.get("senderType"),
            (Long) f.get("senderLeafIndex"),
            (Long) f.get("cipherSuite"),
            HEX.parseHex((String) f.get("hex"))));
      }
    }
  }

  private static Fixture fixture(String name) {
    return fixtures.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }

  private static Code codeOf(byte[] bytes) {
    MlsFormatException e = assertThrows(MlsFormatException.class, () -> MlsMessageHeader.parse(bytes));
    return e.code();
  }

  private static byte[] hex(String s) {
    return HEX.parseHex(s.replace(" ", ""));
  }

  @Test
  void fixturesCoverEveryWireFormat() {
    Set<String> seen = new TreeSet<>();
    fixtures.forEach(f -> seen.add(f.wireFormat()));
    assertEquals(Set.of("public_message", "private_message", "welcome", "group_info", "key_package"), seen);
    assertTrue(fixtures.stream().anyMatch(f -> "commit".equals(f.contentType()) && f.wireFormat().equals("public_message")));
    assertTrue(fixtures.stream().anyMatch(f -> "commit".equals(f.contentType()) && f.wireFormat().equals("private_message")));
    assertTrue(fixtures.stream().anyMatch(f -> "proposal".equals(f.contentType())));
    assertTrue(fixtures.stream().anyMatch(f -> "application".equals(f.contentType())));
  }

  @Test
  void parsesAllFixturesExactly() throws MlsFormatException {
    for (Fixture f : fixtures) {
      MlsMessageHeader h = MlsMessageHeader.parse(f.bytes());
      String ctx = f.name();
      assertEquals(1, h.version(), ctx);
      assertEquals(f.wireFormatCode(), h.wireFormat().code(), ctx);
      assertEquals(f.wireFormat().toUpperCase(), h.wireFormat().name(), ctx);
      assertEquals(f.bytes().length, h.length(), ctx);
      if (f.groupIdHex() != null) {
        assertEquals(f.groupIdHex(), h.groupIdHex().orElseThrow(), ctx);
        assertArrayEquals(HEX.parseHex(f.groupIdHex()), h.groupId().orElseThrow(), ctx);
        assertEquals(f.epoch().longValue(), h.epoch().orElseThrow(), ctx);
      } else {
        assertTrue(h.groupId().isEmpty(), ctx);
        assertTrue(h.epoch().isEmpty(), ctx);
      }
      if (f.contentType() != null) {
        assertEquals(f.contentType().toUpperCase(), h.contentType().orElseThrow().name(), ctx);
        assertEquals("commit".equals(f.contentType()), h.isCommit(), ctx);
        assertEquals(!"application".equals(f.contentType()), h.isHandshake(), ctx);
      } else {
        assertTrue(h.contentType().isEmpty(), ctx);
        assertFalse(h.isCommit(), ctx);
      }
      if (f.senderType() != null) {
        assertEquals(f.senderType().toUpperCase(), h.senderType().orElseThrow().name(), ctx);
        assertEquals(f.senderLeafIndex().longValue(), h.senderIndex().orElseThrow(), ctx);
      } else {
        assertTrue(h.senderType().isEmpty(), ctx);
      }
      if (f.cipherSuite() != null) {
        assertEquals(f.cipherSuite().intValue(), h.cipherSuite().orElseThrow(), ctx);
      }
    }
  }

  @Test
  void longGroupIdUsesTwoByteVarint() throws MlsFormatException {
    Fixture f = fixture("commit_public_long_group_id");
    assertEquals(100, HEX.parseHex(f.groupIdHex()).length);
    assertEquals(0x40, f.bytes()[4] & 0xc0, "2-byte varint prefix");
    assertEquals(100, MlsMessageHeader.parse(f.bytes()).groupId().orElseThrow().length);
  }

  @Test
  void everyTruncationOfAPrivateMessageIsRejected() {
    for (Fixture f : fixtures) {
      if (!f.wireFormat().equals("private_message")) {
        continue;
      }
      for (int n = 0; n < f.bytes().length; n++) {
        byte[] prefix = Arrays.copyOf(f.bytes(), n);
        Code c = codeOf(prefix);
        assertTrue(c == Code.TRUNCATED || c == Code.BAD_LENGTH, f.name() + " prefix " + n + " gave " + c);
      }
    }
  }

  @Test
  void truncatedPublicMessageHeaderIsRejected() {
    for (Fixture f : fixtures) {
      if (!f.wireFormat().equals("public_message")) {
        continue;
      }
      int gidLen = HEX.parseHex(f.groupIdHex()).length;
      int headerEnd = 4 + (gidLen < 64 ? 1 : 2) + gidLen + 8 + 1 + 4 + 1 + 1; // member sender, empty aad
      for (int n = 0; n < headerEnd; n++) {
        Code c = codeOf(Arrays.copyOf(f.bytes(), n));
        assertTrue(c == Code.TRUNCATED || c == Code.BAD_LENGTH, f.name() + " prefix " + n + " gave " + c);
      }
    }
  }

  @Test
  void trailingBytesAfterPrivateMessageAreRejected() {
    byte[] b = fixture("application_private_leaf0").bytes();
    byte[] longer = Arrays.copyOf(b, b.length + 1);
    assertEquals(Code.TRAILING_DATA, codeOf(longer));
  }

  @Test
  void rejectsWrongVersion() {
    assertEquals(Code.BAD_VERSION, codeOf(hex("0000 0002")));
    assertEquals(Code.BAD_VERSION, codeOf(hex("0002 0002")));
    byte[] b = fixture("commit_public_epoch0").bytes().clone();
    b[1] = 2;
    assertEquals(Code.BAD_VERSION, codeOf(b));
    assertEquals(Code.BAD_VERSION, codeOf(hex("0001 0005 0002 0001")));
    assertEquals(Code.BAD_VERSION, codeOf(hex("0001 0004 0000 0001")));
  }

  @Test
  void rejectsUnknownWireFormat() {
    for (String wf : List.of("0000", "0006", "00ff", "ffff")) {
      assertEquals(Code.UNKNOWN_WIRE_FORMAT, codeOf(hex("0001" + wf + "00000000")), wf);
    }
  }

  @Test
  void rejectsTruncatedAndEmptyInput() {
    assertEquals(Code.TRUNCATED, codeOf(new byte[0]));
    assertEquals(Code.TRUNCATED, codeOf(hex("00")));
    assertEquals(Code.TRUNCATED, codeOf(hex("0001")));
    assertEquals(Code.TRUNCATED, codeOf(hex("000100")));
    assertEquals(Code.TRUNCATED, codeOf(hex("0001 0003")));
    assertEquals(Code.TRUNCATED, codeOf(hex("0001 0002 01 aa 0000")));
  }

  @Test
  void rejectsHugeOrInvalidLengthPrefixes() {
    // 4-byte varint 0x3fffffff as group_id length
    assertEquals(Code.BAD_LENGTH, codeOf(hex("0001 0002 bfffffff 00")));
    // group_id of 256 bytes exceeds the limit even if present
    byte[] big = new byte[4 + 2 + 256 + 8 + 1 + 1 + 2 + 2];
    big[1] = 1;
    big[3] = 2;
    big[4] = 0x41;
    big[5] = 0x00;
    assertEquals(Code.BAD_LENGTH, codeOf(big));
    // length larger than the remaining input
    assertEquals(Code.BAD_LENGTH, codeOf(hex("0001 0002 10 aabb")));
    // reserved 0b11 prefix
    assertEquals(Code.BAD_VARINT, codeOf(hex("0001 0002 c0 00 00 00 00 00 00 00 01")));
    // non-minimal encodings
    assertEquals(Code.BAD_VARINT, codeOf(hex("0001 0002 4001 aa")));
    assertEquals(Code.BAD_VARINT, codeOf(hex("0001 0002 80000001 aa")));
    // empty group id
    assertEquals(Code.BAD_GROUP_ID, codeOf(hex("0001 0002 00 0000000000000001 01 00 01aa 01aa")));
    // authenticated_data over the limit
    assertEquals(Code.BAD_LENGTH, codeOf(hex("0001 0002 01aa 0000000000000001 01 5001")));
  }

  @Test
  void rejectsOversizeMessages() throws MlsFormatException {
    byte[] b = fixture("welcome").bytes();
    assertEquals(Code.TOO_LARGE,
        assertThrows(MlsFormatException.class, () -> MlsMessageHeader.parse(b, b.length - 1)).code());
    MlsMessageHeader.parse(b, b.length);
  }

  @Test
  void rejectsBadContentAndSenderTypes() {
    String gidEpoch = "01aa 0000000000000001";
    // PrivateMessage with content_type 0 and 4
    assertEquals(Code.BAD_CONTENT_TYPE, codeOf(hex("0001 0002 " + gidEpoch + " 00 00 01aa 01aa")));
    assertEquals(Code.BAD_CONTENT_TYPE, codeOf(hex("0001 0002 " + gidEpoch + " 04 00 01aa 01aa")));
    // Minimal well-formed PrivateMessage parses
    assertEquals(ContentType.COMMIT, parseOrFail(hex("0001 0002 " + gidEpoch + " 03 00 01aa 01aa")).contentType().orElseThrow());
    // PublicMessage: reserved/unknown sender types
    assertEquals(Code.BAD_SENDER_TYPE, codeOf(hex("0001 0001 " + gidEpoch + " 00 00 03")));
    assertEquals(Code.BAD_SENDER_TYPE, codeOf(hex("0001 0001 " + gidEpoch + " 05 00 03")));
    // new_member_commit may only commit; external may only propose
    assertEquals(Code.BAD_SENDER_TYPE, codeOf(hex("0001 0001 " + gidEpoch + " 04 00 02")));
    assertEquals(Code.BAD_SENDER_TYPE, codeOf(hex("0001 0001 " + gidEpoch + " 02 00000000 00 03")));
    assertEquals(SenderType.NEW_MEMBER_COMMIT, parseOrFail(hex("0001 0001 " + gidEpoch + " 04 00 03")).senderType().orElseThrow());
    // application content in a PublicMessage
    assertEquals(Code.PUBLIC_APPLICATION, codeOf(hex("0001 0001 " + gidEpoch + " 01 00000001 00 01")));
    // epoch >= 2^63
    assertEquals(Code.BAD_EPOCH, codeOf(hex("0001 0002 01aa 8000000000000000 01 00 01aa 01aa")));
    // empty sender data / ciphertext
    assertEquals(Code.BAD_LENGTH, codeOf(hex("0001 0002 " + gidEpoch + " 01 00 00 01aa")));
    assertEquals(Code.BAD_LENGTH, codeOf(hex("0001 0002 " + gidEpoch + " 01 00 01aa 00")));
  }

  @Test
  void tellsMembersFromNonMembersAndApplicationFromHandshakes() throws MlsFormatException {
    for (Fixture f : fixtures) {
      MlsMessageHeader h = MlsMessageHeader.parse(f.bytes());
      // every fixture is from a member: a member's PublicMessage, any PrivateMessage, or no sender at all
      assertFalse(h.isFromNonMember(), f.name());
      assertEquals("application".equals(f.contentType()), h.isApplication(), f.name());
    }
    String gidEpoch = "01aa 0000000000000001";
    MlsMessageHeader external = parseOrFail(hex("0001 0001 " + gidEpoch + " 02 00000000 00 02"));
    assertEquals(SenderType.EXTERNAL, external.senderType().orElseThrow());
    assertTrue(external.isFromNonMember(), "an external sender's proposal");
    MlsMessageHeader joinProposal = parseOrFail(hex("0001 0001 " + gidEpoch + " 03 00 02"));
    assertTrue(joinProposal.isFromNonMember(), "a new member's proposal to join");
    MlsMessageHeader externalCommit = parseOrFail(hex("0001 0001 " + gidEpoch + " 04 00 03"));
    assertTrue(externalCommit.isFromNonMember(), "an external commit");
    assertTrue(externalCommit.isCommit());
    MlsMessageHeader member = parseOrFail(hex("0001 0001 " + gidEpoch + " 01 00000003 00 02"));
    assertFalse(member.isFromNonMember(), "a member's proposal");
    assertFalse(member.isApplication());
  }

  @Test
  void wrongContentTypeByteInRealMessages() {
    // Flip the PrivateMessage content_type of a real message to 0x07.
    Fixture f = fixture("application_private_leaf0");
    byte[] b = f.bytes().clone();
    int gidLen = HEX.parseHex(f.groupIdHex()).length;
    int ctOffset = 4 + 1 + gidLen + 8;
    assertEquals(1, b[ctOffset]);
    b[ctOffset] = 7;
    assertEquals(Code.BAD_CONTENT_TYPE, codeOf(b));
  }

  private static MlsMessageHeader parseOrFail(byte[] b) {
    try {
      return MlsMessageHeader.parse(b);
    } catch (MlsFormatException e) {
      return fail("unexpected " + e.getMessage());
    }
  }

  /** Only MlsFormatException or success, never another exception. */
  private static void parseSafely(byte[] b) {
    try {
      MlsMessageHeader.parse(b);
    } catch (MlsFormatException expected) {
      // fine
    } catch (RuntimeException | Error e) {
      fail("unexpected " + e + " for input " + HEX.formatHex(b, 0, Math.min(64, b.length)));
    }
  }

  @Test
  void fuzzRandomBytes() {
    Random rnd = new Random(0x4d4c53L);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[rnd.nextInt(96)];
      rnd.nextBytes(b);
      if (rnd.nextInt(3) == 0 && b.length >= 4) {
        // make the version/wire format plausible to reach deeper code
        b[0] = 0;
        b[1] = 1;
        b[2] = 0;
        b[3] = (byte) (1 + rnd.nextInt(5));
      }
      parseSafely(b);
    }
  }

  @Test
  void fuzzMutatedFixtures() {
    Random rnd = new Random(9420L);
    for (Fixture f : fixtures) {
      for (int i = 0; i < 1_500; i++) {
        byte[] b = f.bytes().clone();
        int mutations = 1 + rnd.nextInt(4);
        for (int m = 0; m < mutations; m++) {
          int pos = rnd.nextInt(Math.min(b.length, 64));
          switch (rnd.nextInt(3)) {
            case 0:
              b[pos] ^= (byte) (1 << rnd.nextInt(8));
              break;
            case 1:
              b[pos] = (byte) rnd.nextInt(256);
              break;
            default:
              b = Arrays.copyOf(b, rnd.nextInt(b.length + 8));
              break;
          }
          if (b.length == 0) {
            break;
          }
        }
        parseSafely(b);
      }
    }
  }
}
