package fi.matala;

import fi.matala.config.ConfigException;
import fi.matala.config.MatalaConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.concurrent.TimeUnit;

/** Starts Matala: reads and validates the configuration, then the whole platform. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    MatalaConfig config;
    try {
      config = MatalaConfig.load(System.getenv());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Vertx vertx = newVertx();
    Platform platform = new Platform(vertx, config);
    try {
      platform.start().await(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("Matala did not start: " + rootMessage(e));
      vertx.close();
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        platform.stop().await(20, TimeUnit.SECONDS);
      } catch (Exception ignored) {
        // exiting anyway
      }
    }, "matala-shutdown"));
    String host = config.bindHost().equals("0.0.0.0") ? "localhost" : config.bindHost();
    String base = "https://" + host + ":" + config.httpsPort();
    platform.services().knowledgeBank().warmUp();
    platform.bootstrapLines().forEach(System.out::println);
    System.out.println("Matala is running at " + base + "/  (staff: " + base + "/staff/)");
  }

  public static Vertx newVertx() {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
        .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
        .setJvmMetricsEnabled(true)
        .setEnabled(true);
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory())
        .build();
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }
}
