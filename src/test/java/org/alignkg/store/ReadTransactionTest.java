package org.alignkg.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.alignkg.ontology.AKG;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Read transactions that end in an exception (a query time-out, a client gone mid-stream) must
 * leave the pool thread able to read again, and must not touch the full-text index. Aborting a
 * TDB2 read transaction aborts every component, jena-text's Lucene one included, and that one
 * rolls back and reopens the one shared IndexWriter, unsynchronised: when several reads failed
 * together (16 connections timing out in the uncached bench), the rollbacks raced, the abort
 * threw, and jena-text's wrapper kept believing the thread was in a read transaction; every later
 * query on that thread ran outside TDB2's and failed with "Not in a transaction".
 */
class ReadTransactionTest {
    private static final Node G = NodeFactory.createURI(AKG.GRAPH_BASE + "test/read-transactions");
    private static final int THREADS = 8;

    @TempDir
    Path dir;
    private KgStore store;

    @BeforeEach
    void open() {
        store = KgStore.open(dir.resolve("store"));
        store.write(d -> d.add(G, NodeFactory.createURI("urn:x:a"), RDFS.Nodes.label, NodeFactory.createLiteralString("alpha")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void reads_failing_together_on_many_threads_leave_every_thread_able_to_read_again() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CyclicBarrier together = new CyclicBarrier(THREADS);
            List<Future<?>> failing = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                failing.add(pool.submit(() -> {
                    for (int round = 0; round < 20; round++) {
                        assertThatThrownBy(() -> store.read(d -> {
                            d.find().forEachRemaining(q -> { });
                            try {
                                together.await(10, TimeUnit.SECONDS);
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            throw new IllegalStateException("cancelled"); // as a time-out does
                        })).hasMessage("cancelled");
                    }
                    return null;
                }));
            }
            for (Future<?> f : failing) f.get(60, TimeUnit.SECONDS);
            // Every thread of the pool, once more: each must read in a transaction of its own.
            CyclicBarrier once = new CyclicBarrier(THREADS);
            List<Future<Long>> reads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                reads.add(pool.submit(() -> {
                    once.await(10, TimeUnit.SECONDS);
                    long n = store.quadCount();
                    assertThat(store.datasetGraph().isInTransaction()).isFalse();
                    return n;
                }));
            }
            for (Future<Long> f : reads) assertThat(f.get(60, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.searchText("alpha", 10)).hasSize(1);
    }

    @Test
    void a_read_that_fails_while_a_write_is_open_keeps_the_writes_text_index_entries() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch readFailed = new CountDownLatch(1);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> write = writer.submit(() -> store.write(d -> {
                d.add(G, NodeFactory.createURI("urn:x:b"), RDFS.Nodes.label, NodeFactory.createLiteralString("bravo"));
                written.countDown();
                try {
                    readFailed.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> store.read(d -> {
                throw new IllegalStateException("cancelled");
            })).hasMessage("cancelled");
            readFailed.countDown();
            write.get(30, TimeUnit.SECONDS);
        } finally {
            writer.shutdownNow();
        }
        assertThat(store.searchText("bravo", 10)).extracting(FullTextIndex.Match::subject).containsExactly("urn:x:b");
        assertThat(store.searchText("alpha", 10)).hasSize(1);
    }
}
