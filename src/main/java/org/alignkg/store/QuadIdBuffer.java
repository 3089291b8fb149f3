package org.alignkg.store;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongConsumer;

import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.atlas.lib.tuple.TupleFactory;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.NodeIdFactory;
import org.apache.jena.tdb2.store.tupletable.TupleIndex;

/**
 * Quads of a bulk load as TDB2 node ids, held in one {@code long[]} (four 8-byte ids per quad,
 * G S P O) and written to each quad index in that index's own key order.
 *
 * <p>Why: adding quad by quad inserts into six B+trees at random places; most of the time goes
 * to descending, copying (TDB2 is copy-on-write within a transaction) and splitting blocks that
 * the next insert does not touch again. Sorted, consecutive inserts hit the same leaf and path, so
 * each block is copied once. This is what TDB2's own loaders get from replaying a primary index
 * (phased) and what TDB1's tdbloader2 did with external sorts; here it stays inside the caller's
 * write transaction. Ids are compared as unsigned 64-bit values, which equals the byte order of
 * TDB2's index records. Memory: 32 bytes per quad plus one sorted copy (about 640 MB at 10^7).
 */
final class QuadIdBuffer {
    private long[] ids = new long[4 * 1024];
    private int size; // quads
    private final byte[] scratch = new byte[NodeId.SIZE];
    private final ByteBuffer bb = ByteBuffer.wrap(scratch);

    void add(NodeId g, NodeId s, NodeId p, NodeId o) {
        if (4 * (size + 1) > ids.length) ids = Arrays.copyOf(ids, Math.max(ids.length * 2, 4 * (size + 1)));
        int at = 4 * size++;
        ids[at] = encode(g);
        ids[at + 1] = encode(s);
        ids[at + 2] = encode(p);
        ids[at + 3] = encode(o);
    }

    int size() {
        return size;
    }

    /**
     * Writes every quad into {@code index}, sorted in the index's key order, skipping duplicates.
     * Returns, per graph id, the number of distinct quads when {@code countPerGraph} (asked once:
     * every index holds the same quads), else an empty map. {@code written} hears how many quads
     * are done, now and then.
     */
    Map<Long, Long> writeTo(TupleIndex index, boolean countPerGraph, LongConsumer written) {
        // src[k] = which GSPO column goes to key position k of this index (e.g. POSG: 2,3,1,0).
        Tuple<Integer> mapped = index.getMapping().map(TupleFactory.create4(0, 1, 2, 3));
        int[] src = { mapped.get(0), mapped.get(1), mapped.get(2), mapped.get(3) };
        long[] keys = new long[4 * size];
        for (int q = 0; q < size; q++)
            for (int k = 0; k < 4; k++) keys[4 * q + k] = ids[4 * q + src[k]];
        sort(keys, 0, size - 1);
        Map<Long, Long> perGraph = new HashMap<>();
        int graphSlot = -1;
        for (int k = 0; k < 4; k++) if (src[k] == 0) graphSlot = k;
        NodeId[] primary = new NodeId[4];
        for (int q = 0; q < size; q++) {
            int at = 4 * q;
            if (q > 0 && compare(keys, at, at - 4) == 0) continue;
            for (int k = 0; k < 4; k++) primary[src[k]] = decode(keys[at + k]);
            index.add(TupleFactory.create4(primary[0], primary[1], primary[2], primary[3]));
            if (countPerGraph) perGraph.merge(keys[at + graphSlot], 1L, Long::sum);
            if ((q & 0xFFFF) == 0) written.accept(q);
        }
        return perGraph;
    }

    long encode(NodeId id) {
        NodeIdFactory.set(id, scratch);
        return bb.getLong(0);
    }

    NodeId decode(long v) {
        bb.putLong(0, v);
        return NodeIdFactory.get(scratch);
    }

    /** Lexicographic, unsigned, over the four ids of two records. */
    private static int compare(long[] a, int i, int j) {
        for (int k = 0; k < 4; k++) {
            int c = Long.compareUnsigned(a[i + k], a[j + k]);
            if (c != 0) return c;
        }
        return 0;
    }

    private static void swap(long[] a, int x, int y) {
        int i = 4 * x, j = 4 * y;
        for (int k = 0; k < 4; k++) { long t = a[i + k]; a[i + k] = a[j + k]; a[j + k] = t; }
    }

    /** Quicksort of records lo..hi (inclusive), median-of-three, insertion sort for short runs. */
    private static void sort(long[] a, int lo, int hi) {
        while (hi - lo > 16) {
            int mid = (lo + hi) >>> 1;
            if (compare(a, 4 * mid, 4 * lo) < 0) swap(a, mid, lo);
            if (compare(a, 4 * hi, 4 * lo) < 0) swap(a, hi, lo);
            if (compare(a, 4 * hi, 4 * mid) < 0) swap(a, hi, mid);
            swap(a, mid, hi - 1); // pivot at hi-1
            int pivot = hi - 1, i = lo, j = hi - 1;
            while (true) {
                while (compare(a, 4 * ++i, 4 * pivot) < 0) { }
                while (j > lo && compare(a, 4 * --j, 4 * pivot) > 0) { }
                if (i >= j) break;
                swap(a, i, j);
            }
            swap(a, i, hi - 1);
            // Recurse into the smaller side, loop on the larger: stack depth stays O(log n).
            if (i - lo < hi - i) { sort(a, lo, i - 1); lo = i + 1; }
            else { sort(a, i + 1, hi); hi = i - 1; }
        }
        for (int i = lo + 1; i <= hi; i++)
            for (int j = i; j > lo && compare(a, 4 * j, 4 * (j - 1)) < 0; j--) swap(a, j, j - 1);
    }
}
