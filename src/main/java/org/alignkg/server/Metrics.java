package org.alignkg.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** Counters for {@code /metrics} in the Prometheus text exposition format (version 0.0.4). */
final class Metrics {
    static final double[] BUCKETS = { 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30 };

    private record Key(String route, String method, int status) { }

    private final Map<Key, LongAdder> requests = new ConcurrentHashMap<>();
    private final AtomicLongArray bucketCounts = new AtomicLongArray(BUCKETS.length);
    private final LongAdder queryCount = new LongAdder();
    private final DoubleAdder querySeconds = new DoubleAdder();
    private final LongAdder executions = new LongAdder();

    void request(String route, String method, int status) {
        requests.computeIfAbsent(new Key(route, method, status), k -> new LongAdder()).increment();
    }

    void query(double seconds) {
        for (int i = 0; i < BUCKETS.length; i++)
            if (seconds <= BUCKETS[i]) bucketCounts.incrementAndGet(i);
        queryCount.increment();
        querySeconds.add(seconds);
    }

    /** A query run against the store (not answered from the result cache). */
    void execution() {
        executions.increment();
    }

    String render(long triples, long generation) {
        StringBuilder sb = new StringBuilder();
        sb.append("# HELP alignkg_http_requests_total HTTP requests by route, method and status.\n");
        sb.append("# TYPE alignkg_http_requests_total counter\n");
        requests.entrySet().stream()
            .sorted((a, b) -> (a.getKey().route() + a.getKey().method() + a.getKey().status())
                .compareTo(b.getKey().route() + b.getKey().method() + b.getKey().status()))
            .forEach(e -> sb.append("alignkg_http_requests_total{route=\"").append(escape(e.getKey().route()))
                .append("\",method=\"").append(e.getKey().method()).append("\",status=\"").append(e.getKey().status())
                .append("\"} ").append(e.getValue().sum()).append('\n'));
        sb.append("# HELP alignkg_query_duration_seconds Time to run a SPARQL or named query and send its result.\n");
        sb.append("# TYPE alignkg_query_duration_seconds histogram\n");
        for (int i = 0; i < BUCKETS.length; i++)
            sb.append("alignkg_query_duration_seconds_bucket{le=\"").append(BUCKETS[i]).append("\"} ").append(bucketCounts.get(i)).append('\n');
        sb.append("alignkg_query_duration_seconds_bucket{le=\"+Inf\"} ").append(queryCount.sum()).append('\n');
        sb.append("alignkg_query_duration_seconds_sum ").append(querySeconds.sum()).append('\n');
        sb.append("alignkg_query_duration_seconds_count ").append(queryCount.sum()).append('\n');
        sb.append("# HELP alignkg_query_executions_total SPARQL and named queries run against the store (answers not taken from the result cache).\n");
        sb.append("# TYPE alignkg_query_executions_total counter\n");
        sb.append("alignkg_query_executions_total ").append(executions.sum()).append('\n');
        sb.append("# HELP alignkg_store_triples Triples in the store's named graphs.\n");
        sb.append("# TYPE alignkg_store_triples gauge\n");
        sb.append("alignkg_store_triples ").append(triples).append('\n');
        sb.append("# HELP alignkg_store_generation Committed writes since the server started.\n");
        sb.append("# TYPE alignkg_store_generation gauge\n");
        sb.append("alignkg_store_generation ").append(generation).append('\n');
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
