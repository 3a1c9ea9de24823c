package fi.matala.support;

import fi.matala.Platform;
import fi.matala.config.MatalaConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The whole platform on embedded defaults in a temporary data directory, and an HTTPS client for it. */
public final class TestServer implements AutoCloseable {
  public static final String DEMO_PASSWORD = "demo-password-for-tests";

  public final Vertx vertx;
  public final Platform platform;
  public final WebClient client;
  public final int port;
  public final Path dataDir;

  private TestServer(Vertx vertx, Platform platform, WebClient client, int port, Path dataDir) {
    this.vertx = vertx;
    this.platform = platform;
    this.client = client;
    this.port = port;
    this.dataDir = dataDir;
  }

  public static TestServer start() {
    return start(Map.of());
  }

  public static TestServer start(Map<String, String> extraEnv) {
    try {
      return start(Files.createTempDirectory("matala-test"), extraEnv);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static TestServer start(Path dataDir, Map<String, String> extraEnv) {
    return startOn(fi.matala.Main.newVertx(), dataDir, extraEnv);
  }

  /**
   * A platform on this Vert.x instance: with another node's instance it is a second node of the
   * same installation sharing its event bus, as a clustered event bus would (give both the same
   * MONGO_URI). Closing either node closes the shared instance.
   */
  public static TestServer startOn(Vertx vertx, Path dataDir, Map<String, String> extraEnv) {
    int port = freePort();
    Map<String, String> env = new HashMap<>();
    env.put("MATALA_DATA_DIR", dataDir.toString());
    env.put("MATALA_HTTPS_PORT", Integer.toString(port));
    env.put("MATALA_BIND_HOST", "127.0.0.1");
    env.put("MATALA_DEMO_PASSWORD", DEMO_PASSWORD);
    env.putAll(extraEnv);
    MatalaConfig config = MatalaConfig.load(env);
    Platform platform = new Platform(vertx, config);
    try {
      platform.start().await(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("test server did not start", e);
    }
    WebClient client = WebClient.create(vertx, new WebClientOptions()
        .setSsl(true).setTrustAll(true).setVerifyHost(false)
        .setDefaultHost("127.0.0.1").setDefaultPort(port));
    return new TestServer(vertx, platform, client, port, dataDir);
  }

  /** Signs in and returns the login response body. */
  public JsonObject login(String username, String password) {
    HttpResponse<Buffer> r = await(client.post("/api/auth/login")
        .sendJsonObject(new JsonObject().put("username", username).put("password", password)));
    if (r.statusCode() != 200) {
      throw new AssertionError("login of " + username + " gave " + r.statusCode() + " " + r.bodyAsString());
    }
    return r.bodyAsJsonObject();
  }

  public String token(String username) {
    return login(username, DEMO_PASSWORD).getString("token");
  }

  public static <T> T await(Future<T> f) {
    try {
      return f.await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    try {
      platform.stop().await(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
