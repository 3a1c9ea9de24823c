package fi.matala.auth;

import static fi.matala.support.TestServer.DEMO_PASSWORD;
import static fi.matala.support.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import fi.matala.support.TestServer;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Sign-in throttling over real HTTPS: attempts are counted before their password is hashed (so
 * parallel requests get no more guesses), delays grow with each failure (429 with Retry-After),
 * and a full hashing pool answers 503 with Retry-After at once.
 */
class SignInThrottlingApiTest {

  /** A client that really sends this many requests at once (one connection each). */
  static WebClient parallelClient(TestServer server, int connections) {
    return WebClient.create(server.vertx, new WebClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false)
        .setDefaultHost("127.0.0.1").setDefaultPort(server.port), new PoolOptions().setHttp1MaxSize(connections));
  }

  static Future<HttpResponse<Buffer>> login(WebClient client, String user, String password) {
    return client.post("/api/auth/login").sendJsonObject(new JsonObject().put("username", user).put("password", password));
  }

  static List<HttpResponse<Buffer>> allAtOnce(WebClient client, int count, java.util.function.IntFunction<String> user) {
    // open the connections first (TLS handshakes), so that the sign-ins really arrive together
    List<Future<HttpResponse<Buffer>>> warm = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      warm.add(client.get("/health").send());
    }
    await(Future.join(warm));
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      sent.add(login(client, user.apply(i), "wrong-password-" + i));
    }
    await(Future.join(sent));
    return sent.stream().map(Future::result).toList();
  }

  static Map<Integer, Long> byStatus(List<HttpResponse<Buffer>> responses) {
    return responses.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
  }

  @Test
  void parallelAttemptsAreCountedBeforeHashingAndDelaysGrow() throws Exception {
    try (TestServer server = TestServer.start()) {
      WebClient client = parallelClient(server, 12);
      List<HttpResponse<Buffer>> responses = allAtOnce(client, 12, i -> "therapist");
      assertEquals(Map.of(401, 5L, 429, 7L), byStatus(responses), "only the free attempts had their password checked");
      for (HttpResponse<Buffer> r : responses) {
        if (r.statusCode() == 429) {
          assertEquals("rate_limited", r.bodyAsJsonObject().getString("error"));
          assertTrue(Integer.parseInt(r.getHeader("Retry-After")) >= 1);
        }
      }

      // a sixth failure, after the first delay (which may have passed while the five were hashed)
      HttpResponse<Buffer> sixth = await(login(client, "therapist", "guess-6"));
      if (sixth.statusCode() == 429) {
        Thread.sleep(Integer.parseInt(sixth.getHeader("Retry-After")) * 1000L + 100);
        sixth = await(login(client, "therapist", "guess-6"));
      }
      assertEquals(401, sixth.statusCode());

      // each further attempt waits longer than the one before
      List<Integer> waits = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        HttpResponse<Buffer> limited = await(login(client, "therapist", DEMO_PASSWORD));
        assertEquals(429, limited.statusCode(), "even the right password waits");
        int wait = Integer.parseInt(limited.getHeader("Retry-After"));
        waits.add(wait);
        Thread.sleep(wait * 1000L + 100);
        assertEquals(401, await(login(client, "therapist", "still-guessing-" + i)).statusCode());
      }
      assertTrue(waits.get(0) >= 1 && waits.get(1) > waits.get(0) && waits.get(1) >= 3, "growing delays: " + waits);

      // nobody else is held up by it
      assertEquals(200, await(login(client, "peer", DEMO_PASSWORD)).statusCode());
      client.close();
    }
  }

  @Test
  void aFullHashingPoolAnswers503WithRetryAfterInsteadOfQueueing() {
    try (TestServer server = TestServer.start(Map.of("MATALA_LOGIN_HASH_THREADS", "1", "MATALA_LOGIN_HASH_QUEUE", "0"))) {
      WebClient client = parallelClient(server, 12);
      // different (unknown) accounts, so that the throttle lets them all through
      List<HttpResponse<Buffer>> responses = allAtOnce(client, 12, i -> "nobody-" + i);
      Map<Integer, Long> statuses = byStatus(responses);
      assertTrue(statuses.getOrDefault(503, 0L) >= 1, "some were turned away: " + statuses);
      assertEquals(12L, statuses.getOrDefault(503, 0L) + statuses.getOrDefault(401, 0L), statuses.toString());
      for (HttpResponse<Buffer> r : responses) {
        if (r.statusCode() == 503) {
          assertEquals("busy", r.bodyAsJsonObject().getString("error"));
          assertTrue(Integer.parseInt(r.getHeader("Retry-After")) >= 1);
        }
      }
      // a turned-away attempt was not counted: the pool is free again, and the account signs in
      assertEquals(200, await(login(client, "worker", DEMO_PASSWORD)).statusCode());
      client.close();
    }
  }
}
