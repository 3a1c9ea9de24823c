package fi.matala.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import fi.matala.support.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** HTTPS: a self-signed certificate made once and kept; a configured certificate is used instead. */
@ExtendWith(VertxExtension.class)
class TlsCertificateTest {

  /** The certificate the server presents, read over a real TLS connection. */
  static X509Certificate presented(Vertx vertx, int port, VertxTestContext ctx) throws Throwable {
    var client = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false));
    var cert = client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1").setPort(port)
            .setURI("/health"))
        .compose(req -> req.send())
        .map(resp -> {
          try {
            return (X509Certificate) resp.request().connection().peerCertificates().get(0);
          } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            throw new IllegalStateException(e);
          }
        })
        .await(20, java.util.concurrent.TimeUnit.SECONDS);
    client.close();
    return cert;
  }

  @Test
  void selfSignedOnFirstStartAndTheSameAfterARestart(Vertx vertx, VertxTestContext ctx) throws Throwable {
    Path dir = Files.createTempDirectory("matala-tls");
    X509Certificate first;
    try (TestServer server = TestServer.start(dir, Map.of())) {
      first = presented(vertx, server.port, ctx);
    }
    try (TestServer again = TestServer.start(dir, Map.of())) {
      assertEquals(first, presented(vertx, again.port, ctx), "the kept certificate is reused");
    }
    ctx.completeNow();
  }

  @Test
  void aConfiguredCertificateIsUsed(Vertx vertx, VertxTestContext ctx) throws Throwable {
    Path own = Files.createTempDirectory("own-cert");
    TlsCertificate.generateSelfSigned(own.resolve("cert.pem"), own.resolve("key.pem"));
    Path dir = Files.createTempDirectory("matala-tls2");
    try (TestServer server = TestServer.start(dir, Map.of(
        "MATALA_TLS_CERT_FILE", own.resolve("cert.pem").toString(),
        "MATALA_TLS_KEY_FILE", own.resolve("key.pem").toString()))) {
      X509Certificate presented = presented(vertx, server.port, ctx);
      var configured = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
          .generateCertificate(Files.newInputStream(own.resolve("cert.pem")));
      assertEquals(configured, presented);
      assertNotEquals(true, Files.exists(dir.resolve("tls-cert.pem")), "no self-signed one was made");
    }
    ctx.completeNow();
  }
}
