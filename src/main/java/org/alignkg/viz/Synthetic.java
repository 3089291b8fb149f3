package org.alignkg.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Made-up graphs of a given size with the map's node and edge kinds, for the render benchmark. */
public final class Synthetic {
    public static final int MAX_NODES = 20_000;
    public static final int MAX_EDGES = 50_000;

    private Synthetic() { }

    /** {@code nodes} nodes and {@code edges} distinct edges, the same for the same seed. */
    public static VizGraph of(int nodes, int edges, long seed) {
        if (nodes < 2 || nodes > MAX_NODES) throw new IllegalArgumentException("nodes must be 2 to " + MAX_NODES);
        if (edges < 0 || edges > MAX_EDGES || edges > (long) nodes * (nodes - 1) / 2)
            throw new IllegalArgumentException("edges must be 0 to " + MAX_EDGES + " and fit the nodes");
        SplittableRandom rnd = new SplittableRandom(seed);
        NodeType[] types = { NodeType.LIMITATION, NodeType.CONCEPT, NodeType.PILLAR, NodeType.DOCUMENT };
        Relation[] rels = { Relation.CONCERNS, Relation.BROADER, Relation.RELATED, Relation.SUPPORTS, Relation.DISCUSSES };
        List<VizNode> ns = new ArrayList<>(nodes);
        for (int i = 0; i < nodes; i++) {
            NodeType t = types[i % types.length];
            ns.add(new VizNode("urn:synthetic:" + i, t.label() + " " + i, t.id(), null, null, null, null, null, null, null, null, null));
        }
        java.util.Set<Long> seen = new java.util.HashSet<>();
        List<VizEdge> es = new ArrayList<>(edges);
        while (es.size() < edges) {
            int a = rnd.nextInt(nodes);
            // mostly local links, so the graph has structure for the layout to find
            int b = rnd.nextInt(10) < 8 ? Math.floorMod(a + 1 + rnd.nextInt(20), nodes) : rnd.nextInt(nodes);
            if (a == b) continue;
            long key = (long) Math.min(a, b) * nodes + Math.max(a, b);
            if (!seen.add(key)) continue;
            Relation r = rels[es.size() % rels.length];
            es.add(new VizEdge("e" + es.size(), "urn:synthetic:" + a, "urn:synthetic:" + b, r.id(), r.predicate(), r.label()));
        }
        return new VizGraph(ns, es);
    }
}
