package fi.matala.chat;

import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import fi.matala.support.ChatSetup;
import fi.matala.support.TestServer;
import fi.matala.support.WsClient;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The citizen's client adds only devices whose certificate states the staff id and role that
 * member.add announces. So the announced role must be the one in the device certificates, also
 * for someone with several roles (a supervisor who is also a worker) joining or taking over a chat.
 */
class MemberAddRoleTest {
  static final String PASSWORD = "a-long-enough-pass";
  TestServer server;
  byte[] groupId = new byte[16];

  @BeforeEach
  void start() {
    server = TestServer.start();
    new SecureRandom().nextBytes(groupId);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Creates a staff member with these roles (in this order); returns their sign-in token. */
  String createStaff(String username, String... roles) {
    JsonArray r = new JsonArray();
    Arrays.stream(roles).forEach(r::add);
    HttpResponse<Buffer> created = await(server.client.post("/api/admin/staff")
        .putHeader("Authorization", "Bearer " + server.token("admin"))
        .sendJsonObject(new JsonObject().put("username", username).put("password", PASSWORD)
            .put("displayName", "Leena Lähiesihenkilö").put("roles", r)));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return server.login(username, PASSWORD).getString("token");
  }

  /** The OU (role) of a device certificate the server issues to this staff member. */
  String certifiedRole(String token) throws Exception {
    byte[] spki = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
    byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    HttpResponse<Buffer> r = await(server.client.post("/api/devices/certificate")
        .putHeader("Authorization", "Bearer " + token)
        .sendJsonObject(new JsonObject().put("device", "role-test-device")
            .put("publicKey", Base64.getEncoder().encodeToString(raw))));
    assertEquals(200, r.statusCode(), r.bodyAsString());
    byte[] der = Base64.getDecoder().decode(r.bodyAsJsonObject().getJsonArray("certificateChain").getString(0));
    X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(der));
    return new LdapName(leaf.getSubjectX500Principal().getName()).getRdns().stream()
        .filter(rdn -> rdn.getType().equalsIgnoreCase("OU")).map(Rdn::getValue).map(String::valueOf)
        .findFirst().orElseThrow();
  }

  WsClient device(String token, String device) {
    return ChatSetup.staff(server, token, device, new JsonArray().add(ChatSetup.keyPackage(device)));
  }

  WsClient citizenWithWorker(WsClient worker) {
    WsClient citizen = WsClient.connect(server.vertx, server.port);
    ChatSetup.openChat(citizen, "mental-health", "fi", groupId);
    assertEquals("queue.taken", worker.request(new JsonObject().put("type", "queue.take")).getString("type"));
    assertEquals("worker", citizen.expect("member.add").getJsonObject("staff").getString("role"));
    return citizen;
  }

  @Test
  void aSupervisorWhoIsAlsoAWorkerIsAnnouncedInTheRoleTheirCertificateStates() throws Exception {
    String lead = createStaff("lead", "supervisor", "worker");
    assertEquals("worker", certifiedRole(lead));
    WsClient worker = device(server.token("worker"), "device-worker-1");
    WsClient citizen = citizenWithWorker(worker);
    String conv = worker.snapshot().stream().filter(f -> "queue.taken".equals(f.getString("type"))).findFirst()
        .orElseThrow().getString("conversation");

    WsClient leadDevice = device(lead, "device-lead-1");
    assertEquals("conversation.joining", leadDevice.request(new JsonObject().put("type", "conversation.join")
        .put("conversation", conv)).getString("type"));
    JsonObject join = citizen.expect("member.add");
    assertEquals("join", join.getString("reason"));
    assertEquals("worker", join.getJsonObject("staff").getString("role"));
    citizen.close();
    worker.close();
    leadDevice.close();
  }

  @Test
  void aTransferToSomeoneWithSeveralRolesAnnouncesTheirCertifiedRole() throws Exception {
    String lead = createStaff("lead2", "supervisor", "worker");
    WsClient leadDevice = device(lead, "device-lead-2");
    String leadId = leadDevice.snapshot().get(0).getJsonObject("staff").getString("id");
    WsClient worker = device(server.token("worker"), "device-worker-2");
    WsClient citizen = citizenWithWorker(worker);
    String conv = worker.snapshot().stream().filter(f -> "queue.taken".equals(f.getString("type"))).findFirst()
        .orElseThrow().getString("conversation");

    assertEquals("conversation.transferred", worker.request(new JsonObject().put("type", "conversation.transfer")
        .put("conversation", conv).put("toStaff", leadId)).getString("type"));
    JsonObject transfer = citizen.expect("member.add");
    assertEquals("transfer", transfer.getString("reason"));
    assertEquals(leadId, transfer.getJsonObject("staff").getString("id"));
    assertEquals(certifiedRole(lead), transfer.getJsonObject("staff").getString("role"));
    citizen.close();
    worker.close();
    leadDevice.close();
  }
}
