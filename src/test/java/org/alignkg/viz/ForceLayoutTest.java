package org.alignkg.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ForceLayoutTest {
    static VizNode node(String id) {
        return new VizNode(id, id, NodeType.CONCEPT.id(), null, null, null, null, null, null, null, null, null);
    }

    static VizEdge edge(String a, String b) {
        return new VizEdge(null, a, b, Relation.RELATED.id(), Relation.RELATED.predicate(), Relation.RELATED.label());
    }

    /** Two clusters of {@code size} nodes ("a0".., "b0"..) with {@code edges} random edges each, joined by a0–b0. */
    static VizGraph twoClusters(int size, int edges) {
        SplittableRandom rnd = new SplittableRandom(7);
        List<VizNode> nodes = new ArrayList<>();
        List<VizEdge> es = new ArrayList<>();
        for (String c : List.of("a", "b")) {
            for (int i = 0; i < size; i++) nodes.add(node(c + i));
            Set<String> seen = new HashSet<>();
            while (seen.size() < edges) {
                int x = rnd.nextInt(size);
                int y = rnd.nextInt(size);
                if (x != y && seen.add(Math.min(x, y) + " " + Math.max(x, y))) es.add(edge(c + x, c + y));
            }
        }
        es.add(edge("a0", "b0"));
        return new VizGraph(nodes, es);
    }

    static double distance(ForceLayout.Point p, ForceLayout.Point q) {
        return Math.hypot(p.x() - q.x(), p.y() - q.y());
    }

    static void assertFinite(Map<String, ForceLayout.Point> positions) {
        positions.values().forEach(p -> {
            assertThat(Double.isFinite(p.x())).as("x of %s", p).isTrue();
            assertThat(Double.isFinite(p.y())).as("y of %s", p).isTrue();
        });
    }

    @Test
    void the_same_graph_and_seed_give_the_same_positions() {
        VizGraph g = Synthetic.of(600, 1500, 3);
        Map<String, ForceLayout.Point> first = ForceLayout.of(g, 1);
        Map<String, ForceLayout.Point> second = ForceLayout.of(Synthetic.of(600, 1500, 3), 1);
        assertThat(second).isEqualTo(first);
        assertThat(ForceLayout.of(g, 2)).as("another seed, another layout").isNotEqualTo(first);
    }

    @Test
    void every_node_of_the_benchmark_graph_gets_finite_coordinates() {
        VizGraph g = Synthetic.of(2000, 5000, 1);
        Map<String, ForceLayout.Point> positions = ForceLayout.of(g, 1);
        assertThat(positions.keySet()).containsExactlyElementsOf(g.nodes().stream().map(VizNode::id).toList());
        assertFinite(positions);
    }

    @Test
    void two_dense_clusters_joined_by_one_edge_end_up_apart() {
        VizGraph g = twoClusters(60, 400);
        Map<String, ForceLayout.Point> p = ForceLayout.of(g, 1);
        double intra = 0;
        double inter = 0;
        int nIntra = 0;
        int nInter = 0;
        for (VizNode x : g.nodes())
            for (VizNode y : g.nodes()) {
                if (x.id().compareTo(y.id()) >= 0) continue;
                double d = distance(p.get(x.id()), p.get(y.id()));
                if (x.id().charAt(0) == y.id().charAt(0)) {
                    intra += d;
                    nIntra++;
                } else {
                    inter += d;
                    nInter++;
                }
            }
        intra /= nIntra;
        inter /= nInter;
        assertThat(intra).as("mean distance within a cluster vs between clusters (%.0f)", inter).isLessThan(inter / 2);
    }

    @Test
    void linked_nodes_are_closer_than_unlinked_ones_on_a_grid() {
        int w = 30;
        List<VizNode> nodes = new ArrayList<>();
        List<VizEdge> edges = new ArrayList<>();
        for (int i = 0; i < w * w; i++) nodes.add(node("n" + i));
        for (int r = 0; r < w; r++)
            for (int c = 0; c < w; c++) {
                if (c + 1 < w) edges.add(edge("n" + (r * w + c), "n" + (r * w + c + 1)));
                if (r + 1 < w) edges.add(edge("n" + (r * w + c), "n" + ((r + 1) * w + c)));
            }
        Map<String, ForceLayout.Point> p = ForceLayout.of(new VizGraph(nodes, edges), 1);
        double edge = edges.stream().mapToDouble(e -> distance(p.get(e.source()), p.get(e.target()))).average().orElseThrow();
        // Opposite corners of an unfolded grid are about 40 edge lengths apart; a folded or collapsed one much less.
        double corners = distance(p.get("n0"), p.get("n" + (w * w - 1)));
        assertThat(corners / edge).isGreaterThan(25);
        assertThat(edge).isBetween(ForceLayout.EDGE_PX * 0.8, ForceLayout.EDGE_PX * 1.6);
    }

    @Test
    void nodes_do_not_pile_up() {
        VizGraph g = Synthetic.of(2000, 5000, 1);
        List<ForceLayout.Point> p = new ArrayList<>(ForceLayout.of(g, 1).values());
        int crowded = 0;
        for (int i = 0; i < p.size(); i++)
            for (int j = i + 1; j < p.size(); j++)
                if (distance(p.get(i), p.get(j)) < ForceLayout.MIN_GAP_PX * 0.9) crowded++;
        assertThat(crowded).as("pairs of nodes closer than %.0f px", ForceLayout.MIN_GAP_PX * 0.9).isLessThan(20);
    }

    @Test
    void empty_single_and_isolated_nodes_get_finite_distinct_positions() {
        assertThat(ForceLayout.of(VizGraph.empty(), 1)).isEmpty();

        Map<String, ForceLayout.Point> one = ForceLayout.of(new VizGraph(List.of(node("x")), List.of()), 1);
        assertThat(one).containsOnlyKeys("x");
        assertFinite(one);

        List<VizNode> alone = new ArrayList<>();
        for (int i = 0; i < 50; i++) alone.add(node("i" + i));
        Map<String, ForceLayout.Point> isolated = ForceLayout.of(new VizGraph(alone, List.of()), 1);
        assertThat(isolated).hasSize(50);
        assertFinite(isolated);
        assertThat(new HashSet<>(isolated.values())).as("no two isolated nodes on one spot").hasSize(50);

        // a triangle, a self loop, a repeated edge, an edge to a node outside the view, and two loners
        List<VizNode> mixed = List.of(node("a"), node("b"), node("c"), node("d"), node("e"));
        List<VizEdge> edges = List.of(edge("a", "b"), edge("b", "c"), edge("c", "a"), edge("a", "a"),
            new VizEdge("again", "a", "b", Relation.BROADER.id(), Relation.BROADER.predicate(), "broader"), edge("c", "elsewhere"));
        Map<String, ForceLayout.Point> m = ForceLayout.of(new VizGraph(mixed, edges), 1);
        assertThat(m).containsOnlyKeys("a", "b", "c", "d", "e");
        assertFinite(m);
        for (String x : m.keySet())
            for (String y : m.keySet())
                if (!x.equals(y)) assertThat(distance(m.get(x), m.get(y))).as("%s-%s", x, y).isGreaterThan(ForceLayout.MIN_GAP_PX * 0.9);
    }
}
