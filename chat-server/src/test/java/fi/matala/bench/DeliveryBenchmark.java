package fi.matala.bench;

import fi.matala.support.MlsBytes;
import fi.matala.support.TestServer;
import fi.matala.support.WsClient;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Prints delivery figures for the chat over real WebSockets on the embedded database: latency
 * from send to the sender's ack (stored durably) and to delivery on a second connection, for
 * several concurrent conversations. Run (see BENCHMARKS.md):
 * mvn -B -q -pl chat-server exec:java -Dexec.classpathScope=test -Dexec.mainClass=fi.matala.bench.DeliveryBenchmark
 */
public final class DeliveryBenchmark {
  public static void main(String[] args) throws Exception {
    int conversations = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int messagesEach = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    // one machine plays every citizen, and nobody answers: the per-address and unanswered limits are lifted
    try (TestServer server = TestServer.start(Map.of("MATALA_CITIZEN_OPEN_LIMIT", "100000",
        "MATALA_QUEUE_MAX_WAITING", "10000", "MATALA_QUEUE_MAX_WAITING_PER_ADDRESS", "10000",
        "MATALA_WS_CONNECTIONS_PER_ADDRESS", "100000", "MATALA_CITIZEN_RESUME_LIMIT", "100000",
        "MATALA_UNANSWERED_MAX_MESSAGES", "100000", "MATALA_UNANSWERED_MAX_BYTES", "1073741824"))) {
      List<Thread> threads = new ArrayList<>();
      List<long[]> acks = new ArrayList<>();
      List<long[]> deliveries = new ArrayList<>();
      long start = System.nanoTime();
      for (int c = 0; c < conversations; c++) {
        long[] ack = new long[messagesEach];
        long[] delivery = new long[messagesEach];
        acks.add(ack);
        deliveries.add(delivery);
        int index = c;
        Thread t = new Thread(() -> {
          try {
            run(server, index, messagesEach, ack, delivery);
          } catch (Throwable e) {
            System.out.println("conversation " + index + " failed: " + e);
          }
        });
        threads.add(t);
        t.start();
      }
      for (Thread t : threads) {
        t.join();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long total = (long) conversations * messagesEach;
      System.out.printf("conversations=%d messages/conversation=%d (each paced at 5 msg/s) total=%d wall=%.1fs throughput=%.0f msg/s%n",
          conversations, messagesEach, total, seconds, total / seconds);
      print("send->ack (durable)", acks);
      print("send->delivered on 2nd connection", deliveries);
    }
    System.exit(0);
  }

  /** Each conversation sends at most 5 messages a second: fast typing, well under the frame limit. */
  private static final long PACE_MS = 200;

  private static void run(TestServer server, int index, int count, long[] ack, long[] delivery) throws Exception {
    byte[] group = ("bench-group-" + String.format("%08d", index)).getBytes();
    try (WsClient sender = WsClient.connect(server.vertx, server.port);
        WsClient reader = WsClient.connect(server.vertx, server.port)) {
      JsonObject opened = sender.request(new JsonObject().put("type", "citizen.open").put("queue", "families")
          .put("lang", "fi").put("groupId", Base64.getEncoder().encodeToString(group)));
      String conv = opened.getString("conversation");
      reader.request(new JsonObject().put("type", "citizen.resume").put("conversation", conv)
          .put("secret", opened.getString("secret")).put("afterSeq", 0));
      // warm-up
      for (int i = 0; i < 10; i++) {
        sender.request(send(conv, group, "warm" + i));
        reader.expect("msg");
        Thread.sleep(PACE_MS);
      }
      for (int i = 0; i < count; i++) {
        Thread.sleep(PACE_MS);
        long t0 = System.nanoTime();
        JsonObject a = sender.request(send(conv, group, "m" + i));
        long t1 = System.nanoTime();
        long seq = a.getLong("seq");
        reader.expect(f -> "msg".equals(f.getString("type")) && f.getLong("seq") == seq, "delivery");
        long t2 = System.nanoTime();
        ack[i] = t1 - t0;
        delivery[i] = t2 - t0;
      }
    }
  }

  private static JsonObject send(String conv, byte[] group, String marker) {
    return new JsonObject().put("type", "msg.send").put("conversation", conv)
        .put("data", MlsBytes.application(group, 0, marker + "-" + "x".repeat(200)));
  }

  private static void print(String what, List<long[]> all) {
    long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    System.out.printf("%-36s p50=%.2f ms  p90=%.2f ms  p99=%.2f ms  max=%.2f ms%n", what,
        pct(merged, 0.50), pct(merged, 0.90), pct(merged, 0.99), merged[merged.length - 1] / 1e6);
  }

  private static double pct(long[] sorted, double p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
  }
}
