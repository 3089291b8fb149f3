package org.alignkg.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 32 concurrent clients on loopback against one server for a bounded time, mixing named queries,
 * free SPARQL, linked-data pages and authenticated updates that each add a uniquely numbered
 * pair of triples. Afterwards: no 5xx other than deliberate timeouts (503), every acknowledged
 * update present exactly once, no update present that was not acknowledged, and no reader ever
 * saw one triple of a pair without the other. Figures (requests, p50/p99/max latency) go to
 * {@code target/reliability/load-<seconds>s.txt}. 8 s in the fast suite, 60 s with -Plong.
 */
class ConcurrentLoadIT {
    static final int CLIENTS = 32;
    static final String G = "urn:alignkg:load:graph";
    static final String PAIRS = "SELECT (COUNT(?a) AS ?na) (COUNT(?b) AS ?nb) { GRAPH <" + G + "> { { ?s <urn:alignkg:load:a> ?a } UNION { ?s <urn:alignkg:load:b> ?b } } }";

    @TempDir
    Path dir;

    @Test
    void thirty_two_clients_for_8_seconds_lose_no_update_and_see_no_half_update() throws Exception {
        run(8);
    }

    @Test
    @Tag("long")
    void thirty_two_clients_for_60_seconds_lose_no_update_and_see_no_half_update() throws Exception {
        run(60);
    }

    enum Kind { NAMED_QUERY, SPARQL, PAGE, UPDATE }

    void run(int seconds) throws Exception {
        try (TestServer server = TestServer.withShippedData(dir, new ServerConfig(10_000, TestServer.TOKEN, List.of(), 1 << 20))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
            AtomicLong nextNumber = new AtomicLong();
            Set<Long> acknowledged = new ConcurrentSkipListSet<>();
            Set<Long> unknownOutcome = new ConcurrentSkipListSet<>();
            Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
            Map<Kind, LongAdder> kinds = new ConcurrentHashMap<>();
            LongAdder halfSeen = new LongAdder();
            LongAdder pairChecks = new LongAdder();
            LongAdder clientErrors = new LongAdder();
            List<long[]> latencies = new ArrayList<>();
            Map<Kind, java.util.Queue<Long>> byKind = new ConcurrentHashMap<>();
            for (Kind kd : Kind.values()) byKind.put(kd, new java.util.concurrent.ConcurrentLinkedQueue<>());
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                long[] lat = new long[200_000];
                latencies.add(lat);
                final int client = c;
                Thread t = new Thread(() -> {
                    int i = 0;
                    int k = 0;
                    while (System.nanoTime() < deadline && i < lat.length - 1) {
                        Kind kind = Kind.values()[(client + k++) % 4];
                        HttpRequest req;
                        long n = -1;
                        switch (kind) {
                            case NAMED_QUERY -> req = get(server, (k % 2 == 0 ? "/api/queries/limitation?number=" + (1 + k % 5) : "/api/queries/limitations"), "text/csv");
                            case SPARQL -> req = get(server, "/sparql?query=" + TestServer.enc(PAIRS), "text/csv");
                            case PAGE -> req = get(server, "/id/limitation/" + (1 + k % 5), "text/html");
                            default -> {
                                n = nextNumber.incrementAndGet();
                                String s = "<urn:alignkg:load:s" + n + ">";
                                req = HttpRequest.newBuilder(URI.create(server.base + "/sparql/update")).timeout(Duration.ofSeconds(30))
                                    .header("Content-Type", "application/sparql-update")
                                    .header("Authorization", "Bearer " + TestServer.TOKEN)
                                    .POST(HttpRequest.BodyPublishers.ofString("INSERT DATA { GRAPH <" + G + "> { " + s
                                        + " <urn:alignkg:load:a> " + n + " . " + s + " <urn:alignkg:load:b> " + n + " } }"))
                                    .build();
                            }
                        }
                        long t0 = System.nanoTime();
                        HttpResponse<String> r;
                        try {
                            r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                        } catch (Exception e) {
                            clientErrors.increment();
                            if (n > 0) unknownOutcome.add(n);
                            continue;
                        }
                        lat[i++] = System.nanoTime() - t0;
                        byKind.get(kind).add(lat[i - 1]);
                        statuses.computeIfAbsent(r.statusCode(), x -> new LongAdder()).increment();
                        kinds.computeIfAbsent(kind, x -> new LongAdder()).increment();
                        if (kind == Kind.UPDATE && r.statusCode() / 100 == 2) acknowledged.add(n);
                        else if (kind == Kind.UPDATE) unknownOutcome.add(n);
                        if (kind == Kind.SPARQL && r.statusCode() == 200) {
                            String[] row = r.body().split("\r?\n")[1].split(",");
                            pairChecks.increment();
                            if (!row[0].equals(row[1])) halfSeen.increment();
                        }
                    }
                    lat[lat.length - 1] = i;
                }, "load-client-" + c);
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) t.join(Duration.ofSeconds(seconds + 60).toMillis());
            for (Thread t : threads) assertThat(t.isAlive()).as("client thread stopped").isFalse();

            // what the store holds afterwards
            var after = server.get("/sparql?query=" + TestServer.enc("SELECT ?s (COUNT(?a) AS ?na) (COUNT(?b) AS ?nb) { GRAPH <" + G
                + "> { { ?s <urn:alignkg:load:a> ?a } UNION { ?s <urn:alignkg:load:b> ?b } } } GROUP BY ?s"), "text/csv");
            assertThat(after.statusCode()).isEqualTo(200);
            Set<Long> present = new TreeSet<>();
            long duplicated = 0;
            long halfStored = 0;
            String[] lines = after.body().split("\r?\n");
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split(",");
                long n = Long.parseLong(f[0].substring("urn:alignkg:load:s".length()));
                if (!present.add(n)) duplicated++;
                if (!f[1].equals("1") || !f[2].equals("1")) {
                    if (!f[1].equals(f[2])) halfStored++;
                    else duplicated++;
                }
            }
            Set<Long> lost = new TreeSet<>(acknowledged);
            lost.removeAll(present);
            Set<Long> unexpected = new TreeSet<>(present);
            unexpected.removeAll(acknowledged);
            unexpected.removeAll(unknownOutcome);

            long[] all = latencies.stream().flatMapToLong(l -> Arrays.stream(l, 0, (int) l[l.length - 1])).sorted().toArray();
            long total = all.length;
            long fiveXx = statuses.entrySet().stream().filter(e -> e.getKey() >= 500 && e.getKey() != 503).mapToLong(e -> e.getValue().sum()).sum();
            long timeouts = statuses.getOrDefault(503, new LongAdder()).sum();
            String figures = String.format(java.util.Locale.ROOT,
                "concurrent load: %d clients, %d s, %s%n"
                    + "  requests: %d (%.0f/s); by kind: %s; statuses: %s; client-side errors: %d%n"
                    + "  latency ms: p50 %.1f, p99 %.1f, max %.1f; p99 by kind: %s%n"
                    + "  updates acknowledged: %d; lost: %d; duplicated: %d; present without acknowledgement: %d; half-stored: %d%n"
                    + "  pair checks by readers: %d; half-applied updates seen: %d%n"
                    + "  5xx other than timeouts: %d; deliberate timeouts (503): %d; server restarts: 0%n",
                CLIENTS, seconds, Instant.now(), total, total / (double) seconds, kinds, statuses, clientErrors.sum(),
                pct(all, 0.50), pct(all, 0.99), all.length == 0 ? 0 : all[all.length - 1] / 1e6, p99ByKind(byKind),
                acknowledged.size(), lost.size(), duplicated, unexpected.size(), halfStored, pairChecks.sum(), halfSeen.sum(), fiveXx, timeouts);
            Path out = Path.of("target", "reliability");
            Files.createDirectories(out);
            Files.writeString(out.resolve("load-" + seconds + "s.txt"), figures);
            System.out.print(figures);

            assertThat(total).as("requests served").isGreaterThan(CLIENTS * 4L);
            assertThat(acknowledged).as("acknowledged updates").isNotEmpty();
            assertThat(lost).as("acknowledged updates lost").isEmpty();
            assertThat(duplicated).as("updates duplicated").isZero();
            assertThat(halfStored).as("updates stored by halves").isZero();
            assertThat(unexpected).as("updates present that were never sent").isEmpty();
            assertThat(halfSeen.sum()).as("half-applied updates seen by readers").isZero();
            assertThat(pairChecks.sum()).as("reader checks").isPositive();
            assertThat(fiveXx).as("5xx other than deliberate timeouts").isZero();
            assertThat(clientErrors.sum()).as("requests that failed on the client side").isZero();
            assertThat(server.get("/health", null).statusCode()).isEqualTo(200);
        }
    }

    private static HttpRequest get(TestServer server, String path, String accept) {
        return HttpRequest.newBuilder(URI.create(server.base + path)).timeout(Duration.ofSeconds(30)).header("Accept", accept).GET().build();
    }

    private static String p99ByKind(Map<Kind, java.util.Queue<Long>> byKind) {
        StringBuilder sb = new StringBuilder();
        for (Kind k : Kind.values()) {
            long[] v = byKind.get(k).stream().mapToLong(Long::longValue).sorted().toArray();
            sb.append(sb.length() == 0 ? "" : ", ").append(k).append(String.format(java.util.Locale.ROOT, " %.1f", pct(v, 0.99)));
        }
        return sb.toString();
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
