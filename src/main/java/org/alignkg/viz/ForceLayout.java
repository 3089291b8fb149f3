package org.alignkg.viz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A deterministic force-directed layout, computed on the server so that the browser only has to
 * draw a big view (issue 5: 2,000 nodes and 5,000 edges). It is the spring-electrical model of
 * Y. Hu, "Efficient and high quality force-directed graph drawing" (Mathematica Journal 10, 2005),
 * the model behind Graphviz's {@code sfdp}:
 * <ul>
 * <li>attraction {@code d²/K} along edges, repulsion {@code C·K²/d} between all pairs, the latter
 * approximated with a Barnes–Hut quadtree (opening angle {@link #THETA});</li>
 * <li>multilevel: the graph is coarsened by edge collapsing (a maximal matching) until it is small,
 * the coarsest graph is laid out from a seeded random placement, and each finer level starts from
 * the positions of the level above, so a few dozen cheap iterations suffice where the full graph
 * would need hundreds;</li>
 * <li>an adaptive step length (grow after five improving iterations in a row, shrink otherwise) and a
 * fixed iteration cap per level, so the cost is bounded;</li>
 * <li>connected components laid out one by one and packed in rows, largest first, so that
 * isolated nodes do not drift away from the rest;</li>
 * <li>finally scaled to {@link #EDGE_PX} pixels per (median) edge, or more where the graph is too
 * dense for that (most nodes would overlap), and nodes still closer than {@link #MIN_GAP_PX} are
 * pushed apart.</li>
 * </ul>
 * The same graph (same node order, same edges) and seed always gives the same positions: every
 * loop runs in index order and Java's floating point is deterministic.
 */
public final class ForceLayout {
    /** Model-space natural spring length; positions are scaled to pixels at the end. */
    private static final double K = 1.0;
    /** Relative strength of repulsion (Hu's C). */
    private static final double C = 0.2;
    /** Barnes–Hut opening angle: a cell of side s at distance d counts as one body when s/d &lt; THETA. */
    static final double THETA = 1.2;
    /** Median edge length of the result, in Cytoscape model pixels (longer for dense graphs). */
    public static final double EDGE_PX = 50;
    /** Smallest distance between two node centres in the result, in pixels (nodes are drawn 16 to 36 px wide). */
    public static final double MIN_GAP_PX = 26;
    /** Coarsening stops at this many nodes, or when a round shrinks the graph by less than a fifth. */
    private static final int COARSEST = 40;
    private static final int COARSEST_ITERATIONS = 300;
    /**
     * Iterations of a finer level: about {@value #LEVEL_BUDGET} node moves, at least
     * {@value #MIN_ITERATIONS} and at most {@value #COARSEST_ITERATIONS}, so coarse levels (cheap) get
     * many and the full graph (dear, and already close from the level above) few.
     */
    private static final int LEVEL_BUDGET = 10_000;
    private static final int MIN_ITERATIONS = 15;
    private static final double STEP_DECAY = 0.9;

    /** A node position in Cytoscape model coordinates (pixels at zoom 1). */
    public record Point(double x, double y) {
        public Point {
            if (!Double.isFinite(x) || !Double.isFinite(y)) throw new IllegalArgumentException("position must be finite: " + x + ", " + y);
        }
    }

    private ForceLayout() { }

    /** A position for every node of {@code graph}, keyed by node id, in the order of its nodes. */
    public static Map<String, Point> of(VizGraph graph, long seed) {
        List<VizNode> nodes = graph.nodes();
        Map<String, Integer> index = new HashMap<>(nodes.size() * 2);
        for (int i = 0; i < nodes.size(); i++) index.putIfAbsent(nodes.get(i).id(), i);
        int[] from = new int[graph.edges().size()];
        int[] to = new int[graph.edges().size()];
        int m = 0;
        for (VizEdge e : graph.edges()) {
            Integer a = index.get(e.source());
            Integer b = index.get(e.target());
            if (a == null || b == null) continue; // an edge to a node outside the view: drawn by nobody
            from[m] = a;
            to[m] = b;
            m++;
        }
        double[] xy = layout(nodes.size(), Arrays.copyOf(from, m), Arrays.copyOf(to, m), seed);
        Map<String, Point> out = new LinkedHashMap<>(nodes.size() * 2);
        for (int i = 0; i < nodes.size(); i++)
            out.putIfAbsent(nodes.get(i).id(), new Point(round(xy[2 * i]), round(xy[2 * i + 1])));
        return Collections.unmodifiableMap(out);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /**
     * Positions of nodes {@code 0..n-1} joined by edges {@code from[k]–to[k]} (direction, repeats and
     * self loops are ignored), as {@code x0, y0, x1, y1, ...} in pixels, centred on the origin.
     */
    static double[] layout(int n, int[] from, int[] to, long seed) {
        double[] xy = new double[2 * n];
        if (n == 0) return xy;
        Adjacency g = Adjacency.of(n, from, to);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<int[]> components = g.components();
        List<double[]> placed = new ArrayList<>(components.size());
        for (int[] comp : components) placed.add(multilevel(g.induced(comp), rnd));
        pack(components, placed, xy);
        scaleToPixels(g, xy);
        separate(xy, MIN_GAP_PX);
        centre(xy);
        return xy;
    }

    // ---- multilevel -----------------------------------------------------------------------------

    private static double[] multilevel(Adjacency g, SplittableRandom rnd) {
        int n = g.n;
        if (n == 1) return new double[] { 0, 0 };
        if (n == 2) return new double[] { 0, 0, K, 0 };
        List<Adjacency> levels = new ArrayList<>();
        List<int[]> parents = new ArrayList<>();
        levels.add(g);
        while (levels.get(levels.size() - 1).n > COARSEST) {
            Adjacency fine = levels.get(levels.size() - 1);
            int[] parent = new int[fine.n];
            int coarseN = fine.matching(parent, rnd);
            if (coarseN > 0.8 * fine.n) break; // e.g. a star: edge collapsing barely helps any more
            levels.add(fine.coarsen(parent, coarseN));
            parents.add(parent);
        }
        Adjacency top = levels.get(levels.size() - 1);
        double side = Math.sqrt(top.n) * K;
        double[] xy = new double[2 * top.n];
        for (int i = 0; i < 2 * top.n; i++) xy[i] = rnd.nextDouble() * side;
        // Usually small; large only where coarsening stalled (stars), so the cap follows the budget too.
        relax(top, xy, Math.max(MIN_ITERATIONS, Math.min(COARSEST_ITERATIONS, 5 * LEVEL_BUDGET / top.n)), K * Math.max(1, side / 4));
        for (int l = levels.size() - 2; l >= 0; l--) {
            Adjacency fine = levels.get(l);
            Adjacency coarse = levels.get(l + 1);
            int[] parent = parents.get(l);
            // Area grows with the node count at a fixed spring length.
            double grow = Math.sqrt((double) fine.n / coarse.n);
            double[] fxy = new double[2 * fine.n];
            for (int v = 0; v < fine.n; v++) {
                int p = parent[v];
                fxy[2 * v] = xy[2 * p] * grow + (rnd.nextDouble() - 0.5) * 0.2 * K;
                fxy[2 * v + 1] = xy[2 * p + 1] * grow + (rnd.nextDouble() - 0.5) * 0.2 * K;
            }
            xy = fxy;
            relax(fine, xy, Math.max(MIN_ITERATIONS, Math.min(COARSEST_ITERATIONS, LEVEL_BUDGET / fine.n)), K * 0.5);
        }
        return xy;
    }

    /** Hu's iteration: every node moves {@code step} along its net force; the step adapts. */
    private static void relax(Adjacency g, double[] xy, int maxIterations, double step0) {
        int n = g.n;
        double[] force = new double[2 * n];
        QuadTree tree = new QuadTree(n);
        int[] stack = new int[QuadTree.STACK];
        double step = step0;
        double energy = Double.MAX_VALUE;
        int progress = 0;
        for (int it = 0; it < maxIterations; it++) {
            Arrays.fill(force, 0);
            tree.build(xy, n);
            for (int i = 0; i < n; i++) tree.repulse(i, xy, force, stack);
            for (int i = 0; i < n; i++) {
                double xi = xy[2 * i];
                double yi = xy[2 * i + 1];
                for (int k = g.start[i]; k < g.start[i + 1]; k++) {
                    int j = g.adj[k];
                    double dx = xy[2 * j] - xi;
                    double dy = xy[2 * j + 1] - yi;
                    double d = Math.sqrt(dx * dx + dy * dy);
                    force[2 * i] += dx * d / K;
                    force[2 * i + 1] += dy * d / K;
                }
            }
            double energy0 = energy;
            energy = 0;
            for (int i = 0; i < n; i++) {
                double fx = force[2 * i];
                double fy = force[2 * i + 1];
                double f2 = fx * fx + fy * fy;
                energy += f2;
                if (f2 > 0) {
                    double f = Math.sqrt(f2);
                    xy[2 * i] += step * fx / f;
                    xy[2 * i + 1] += step * fy / f;
                }
            }
            if (energy < energy0) {
                if (++progress >= 5) {
                    progress = 0;
                    step /= STEP_DECAY;
                }
            } else {
                progress = 0;
                step *= STEP_DECAY;
            }
            if (step < 0.005 * K) return;
        }
    }

    // ---- components, packing, scaling, overlaps -------------------------------------------------

    /** Components in rows, largest first, each in its own box with a margin of two springs. */
    private static void pack(List<int[]> components, List<double[]> placed, double[] out) {
        int c = components.size();
        double[][] box = new double[c][];
        double area = 0;
        double widest = 0;
        double margin = 2 * K;
        for (int k = 0; k < c; k++) {
            double[] xy = placed.get(k);
            double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
            for (int i = 0; i < xy.length; i += 2) {
                minX = Math.min(minX, xy[i]);
                maxX = Math.max(maxX, xy[i]);
                minY = Math.min(minY, xy[i + 1]);
                maxY = Math.max(maxY, xy[i + 1]);
            }
            box[k] = new double[] { minX, minY, maxX - minX + margin, maxY - minY + margin };
            area += box[k][2] * box[k][3];
            widest = Math.max(widest, box[k][2]);
        }
        Integer[] order = new Integer[c];
        for (int k = 0; k < c; k++) order[k] = k;
        // components() lists them by smallest node index, so ties keep a stable order
        Arrays.sort(order, (a, b) -> Integer.compare(components.get(b).length, components.get(a).length));
        double rowWidth = Math.max(widest, Math.sqrt(area));
        double x = 0, y = 0, rowHeight = 0;
        for (int k : order) {
            if (x > 0 && x + box[k][2] > rowWidth) {
                x = 0;
                y += rowHeight;
                rowHeight = 0;
            }
            int[] nodes = components.get(k);
            double[] xy = placed.get(k);
            for (int i = 0; i < nodes.length; i++) {
                out[2 * nodes[i]] = xy[2 * i] - box[k][0] + x;
                out[2 * nodes[i] + 1] = xy[2 * i + 1] - box[k][1] + y;
            }
            x += box[k][2];
            rowHeight = Math.max(rowHeight, box[k][3]);
        }
    }

    /**
     * Scales model units to pixels: the median edge becomes {@link #EDGE_PX} long, or longer where
     * that would leave more than a quarter of the nodes closer than {@link #MIN_GAP_PX} to their
     * nearest neighbour (dense graphs, where short edges and no overlaps cannot both be had).
     */
    private static void scaleToPixels(Adjacency g, double[] xy) {
        double[] lengths = new double[g.adj.length / 2];
        int m = 0;
        for (int i = 0; i < g.n; i++)
            for (int k = g.start[i]; k < g.start[i + 1]; k++) {
                int j = g.adj[k];
                if (j > i) lengths[m++] = Math.hypot(xy[2 * j] - xy[2 * i], xy[2 * j + 1] - xy[2 * i + 1]);
            }
        double scale = EDGE_PX / K;
        if (m > 0) {
            Arrays.sort(lengths, 0, m);
            if (lengths[m / 2] > 1e-9) scale = EDGE_PX / lengths[m / 2];
        }
        double nearest = nearestNeighbourQuartile(xy);
        if (nearest > 1e-9) scale = Math.max(scale, MIN_GAP_PX / nearest);
        for (int i = 0; i < xy.length; i++) xy[i] *= scale;
    }

    /** The lower quartile of nearest-neighbour distances, from a sample of at most 512 nodes. */
    private static double nearestNeighbourQuartile(double[] xy) {
        int n = xy.length / 2;
        if (n < 2) return 0;
        int stride = Math.max(1, n / 512);
        double[] nn = new double[(n + stride - 1) / stride];
        int s = 0;
        for (int i = 0; i < n; i += stride) {
            double best = Double.MAX_VALUE;
            for (int j = 0; j < n; j++) {
                if (j == i) continue;
                double dx = xy[2 * j] - xy[2 * i];
                double dy = xy[2 * j + 1] - xy[2 * i + 1];
                best = Math.min(best, dx * dx + dy * dy);
            }
            nn[s++] = Math.sqrt(best);
        }
        Arrays.sort(nn, 0, s);
        return nn[s / 4];
    }

    /** Pushes apart pairs of nodes closer than {@code gap}, a few sweeps over a grid of that size. */
    static void separate(double[] xy, double gap) {
        int n = xy.length / 2;
        for (int sweep = 0; sweep < 12; sweep++) {
            // grid cell -> node indices; slot 0 of each array holds the count
            Map<Long, int[]> grid = new HashMap<>();
            for (int i = 0; i < n; i++) {
                long key = cell(xy[2 * i], gap, xy[2 * i + 1]);
                int[] list = grid.get(key);
                if (list == null) list = new int[5];
                else if (list[0] + 1 == list.length) list = Arrays.copyOf(list, list.length * 2);
                list[++list[0]] = i;
                grid.put(key, list);
            }
            boolean moved = false;
            for (int i = 0; i < n; i++) {
                long cx = (long) Math.floor(xy[2 * i] / gap);
                long cy = (long) Math.floor(xy[2 * i + 1] / gap);
                for (long gx = cx - 1; gx <= cx + 1; gx++)
                    for (long gy = cy - 1; gy <= cy + 1; gy++) {
                        int[] list = grid.get(key(gx, gy));
                        if (list == null) continue;
                        for (int s = 1; s <= list[0]; s++) {
                            int j = list[s];
                            if (j <= i) continue;
                            double dx = xy[2 * j] - xy[2 * i];
                            double dy = xy[2 * j + 1] - xy[2 * i + 1];
                            double d = Math.sqrt(dx * dx + dy * dy);
                            if (d >= gap) continue;
                            double ux, uy;
                            if (d < 1e-9) { // same spot: split along a direction fixed by the pair
                                double a = (i * 31.0 + j) * 2.399963;
                                ux = Math.cos(a);
                                uy = Math.sin(a);
                            } else {
                                ux = dx / d;
                                uy = dy / d;
                            }
                            double push = (gap - d) / 2 * 1.01;
                            xy[2 * i] -= ux * push;
                            xy[2 * i + 1] -= uy * push;
                            xy[2 * j] += ux * push;
                            xy[2 * j + 1] += uy * push;
                            moved = true;
                        }
                    }
            }
            if (!moved) return;
        }
    }

    private static long cell(double x, double gap, double y) {
        return key((long) Math.floor(x / gap), (long) Math.floor(y / gap));
    }

    private static long key(long gx, long gy) {
        return (gx << 32) ^ (gy & 0xffffffffL);
    }

    private static void centre(double[] xy) {
        int n = xy.length / 2;
        double sx = 0, sy = 0;
        for (int i = 0; i < n; i++) {
            sx += xy[2 * i];
            sy += xy[2 * i + 1];
        }
        sx /= n;
        sy /= n;
        for (int i = 0; i < n; i++) {
            xy[2 * i] -= sx;
            xy[2 * i + 1] -= sy;
        }
    }

    // ---- graph structure ------------------------------------------------------------------------

    /** An undirected simple graph in compressed rows: neighbours of i are adj[start[i] .. start[i+1]). */
    private static final class Adjacency {
        final int n;
        final int[] start;
        final int[] adj;

        private Adjacency(int n, int[] start, int[] adj) {
            this.n = n;
            this.start = start;
            this.adj = adj;
        }

        static Adjacency of(int n, int[] from, int[] to) {
            long[] pairs = new long[2 * from.length];
            int m = 0;
            for (int k = 0; k < from.length; k++) {
                int a = from[k];
                int b = to[k];
                if (a == b) continue;
                pairs[m++] = ((long) a << 32) | b;
                pairs[m++] = ((long) b << 32) | a;
            }
            Arrays.sort(pairs, 0, m);
            int[] start = new int[n + 1];
            int[] adj = new int[m];
            int u = 0;
            long last = -1;
            for (int k = 0; k < m; k++) {
                if (pairs[k] == last) continue;
                last = pairs[k];
                int a = (int) (pairs[k] >>> 32);
                adj[u++] = (int) pairs[k];
                start[a + 1]++;
            }
            for (int i = 0; i < n; i++) start[i + 1] += start[i];
            return new Adjacency(n, start, Arrays.copyOf(adj, u));
        }

        /** Connected components, each as ascending node indices, listed by their smallest node. */
        List<int[]> components() {
            int[] comp = new int[n];
            Arrays.fill(comp, -1);
            List<int[]> out = new ArrayList<>();
            int[] queue = new int[n];
            for (int s = 0; s < n; s++) {
                if (comp[s] >= 0) continue;
                int head = 0, tail = 0;
                queue[tail++] = s;
                comp[s] = out.size();
                while (head < tail) {
                    int v = queue[head++];
                    for (int k = start[v]; k < start[v + 1]; k++) {
                        int w = adj[k];
                        if (comp[w] < 0) {
                            comp[w] = out.size();
                            queue[tail++] = w;
                        }
                    }
                }
                int[] nodes = Arrays.copyOf(queue, tail);
                Arrays.sort(nodes);
                out.add(nodes);
            }
            return out;
        }

        /** The subgraph on {@code nodes} (ascending), renumbered 0..k-1 in that order. */
        Adjacency induced(int[] nodes) {
            if (nodes.length == n) return this;
            int[] local = new int[n];
            for (int i = 0; i < nodes.length; i++) local[nodes[i]] = i;
            int[] s = new int[nodes.length + 1];
            int m = 0;
            for (int i = 0; i < nodes.length; i++) m += start[nodes[i] + 1] - start[nodes[i]];
            int[] a = new int[m];
            int u = 0;
            for (int i = 0; i < nodes.length; i++) {
                int v = nodes[i];
                for (int k = start[v]; k < start[v + 1]; k++) a[u++] = local[adj[k]];
                s[i + 1] = u;
            }
            return new Adjacency(nodes.length, s, a);
        }

        /**
         * A maximal matching: nodes are visited in a seeded random order (visiting them in index or
         * degree order coarsens grids and lattices along one axis, and the layout then curls up) and
         * each takes its free neighbour of lowest degree. Fills {@code parent} with the coarse node of
         * each node (a matched pair shares one) and returns the number of coarse nodes.
         */
        int matching(int[] parent, SplittableRandom rnd) {
            int[] order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            Arrays.fill(parent, -1);
            int coarse = 0;
            for (int v : order) {
                if (parent[v] >= 0) continue;
                int best = -1;
                for (int k = start[v]; k < start[v + 1]; k++) {
                    int w = adj[k];
                    if (parent[w] < 0 && (best < 0 || degree(w) < degree(best))) best = w;
                }
                parent[v] = coarse;
                if (best >= 0) parent[best] = coarse;
                coarse++;
            }
            return coarse;
        }

        private int degree(int v) {
            return start[v + 1] - start[v];
        }

        Adjacency coarsen(int[] parent, int coarseN) {
            int[] from = new int[adj.length];
            int[] to = new int[adj.length];
            int m = 0;
            for (int i = 0; i < n; i++)
                for (int k = start[i]; k < start[i + 1]; k++) {
                    int j = adj[k];
                    if (j > i && parent[i] != parent[j]) {
                        from[m] = parent[i];
                        to[m] = parent[j];
                        m++;
                    }
                }
            return of(coarseN, Arrays.copyOf(from, m), Arrays.copyOf(to, m));
        }
    }

    /** Barnes–Hut quadtree in flat arrays, rebuilt every iteration. */
    private static final class QuadTree {
        private static final int MAX_DEPTH = 48;
        /** Enough for a depth-first walk: each level down pops one cell and pushes at most four. */
        static final int STACK = 4 * MAX_DEPTH + 16;
        private int cells;
        /** Per cell: centre and half side of its square; sum of positions (then centre of mass) and count of its points. */
        private double[] cx, cy, half, mx, my;
        private int[] mass, first;
        /** Per cell, four child cells or -1; {@code internal[c]} once c has any. */
        private int[] child;
        private boolean[] internal;
        /** Points of a leaf: {@code first[c]}, then {@code next[i]} until -1 (more than one only at MAX_DEPTH). */
        private final int[] next;

        QuadTree(int n) {
            int cap = 4 * n + 8;
            cx = new double[cap];
            cy = new double[cap];
            half = new double[cap];
            mx = new double[cap];
            my = new double[cap];
            mass = new int[cap];
            first = new int[cap];
            internal = new boolean[cap];
            child = new int[4 * cap];
            next = new int[n];
        }

        void build(double[] xy, int n) {
            double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                minX = Math.min(minX, xy[2 * i]);
                maxX = Math.max(maxX, xy[2 * i]);
                minY = Math.min(minY, xy[2 * i + 1]);
                maxY = Math.max(maxY, xy[2 * i + 1]);
            }
            cells = 0;
            newCell((minX + maxX) / 2, (minY + maxY) / 2, Math.max(maxX - minX, maxY - minY) / 2 + 1e-6);
            for (int i = 0; i < n; i++) insert(i, xy[2 * i], xy[2 * i + 1]);
            for (int c = 0; c < cells; c++) {
                mx[c] /= mass[c];
                my[c] /= mass[c];
            }
        }

        private int newCell(double x, double y, double h) {
            if (cells == cx.length) grow();
            int c = cells++;
            cx[c] = x;
            cy[c] = y;
            half[c] = h;
            mx[c] = 0;
            my[c] = 0;
            mass[c] = 0;
            first[c] = -1;
            internal[c] = false;
            child[4 * c] = -1;
            child[4 * c + 1] = -1;
            child[4 * c + 2] = -1;
            child[4 * c + 3] = -1;
            return c;
        }

        private void grow() {
            int cap = cx.length * 2;
            cx = Arrays.copyOf(cx, cap);
            cy = Arrays.copyOf(cy, cap);
            half = Arrays.copyOf(half, cap);
            mx = Arrays.copyOf(mx, cap);
            my = Arrays.copyOf(my, cap);
            mass = Arrays.copyOf(mass, cap);
            first = Arrays.copyOf(first, cap);
            internal = Arrays.copyOf(internal, cap);
            child = Arrays.copyOf(child, 4 * cap);
        }

        private int childOf(int c, double x, double y) {
            int q = (x >= cx[c] ? 1 : 0) + (y >= cy[c] ? 2 : 0);
            int k = child[4 * c + q];
            if (k >= 0) return k;
            double h = half[c] / 2;
            int made = newCell(cx[c] + ((q & 1) == 1 ? h : -h), cy[c] + ((q & 2) == 2 ? h : -h), h);
            child[4 * c + q] = made;
            internal[c] = true;
            return made;
        }

        private void insert(int i, double x, double y) {
            int c = 0;
            for (int depth = 0; ; depth++) {
                if (!internal[c]) {
                    if (mass[c] == 0 || depth >= MAX_DEPTH) { // empty leaf, or as deep as it goes (same spot): a list
                        next[i] = first[c];
                        first[c] = i;
                        add(c, x, y);
                        return;
                    }
                    // split: the single point here moves one level down (its sum is its position)
                    int j = first[c];
                    first[c] = -1;
                    int q = childOf(c, mx[c], my[c]);
                    next[j] = -1;
                    first[q] = j;
                    add(q, mx[c], my[c]);
                }
                add(c, x, y);
                c = childOf(c, x, y);
            }
        }

        private void add(int c, double x, double y) {
            mass[c]++;
            mx[c] += x;
            my[c] += y;
        }

        /** Adds the repulsion on node i from all others to force[2i], force[2i+1]; {@code stack} is scratch space. */
        void repulse(int i, double[] xy, double[] force, int[] stack) {
            double xi = xy[2 * i];
            double yi = xy[2 * i + 1];
            double fx = 0, fy = 0;
            double theta2 = THETA * THETA;
            int top = 0;
            stack[top++] = 0;
            while (top > 0) {
                int c = stack[--top];
                if (!internal[c]) {
                    for (int j = first[c]; j >= 0; j = next[j]) {
                        if (j == i) continue;
                        double dx = xi - xy[2 * j];
                        double dy = yi - xy[2 * j + 1];
                        double d2 = dx * dx + dy * dy;
                        if (d2 < 1e-12) { // same spot: a small push in a direction fixed by the pair
                            dx = (i < j ? 1e-3 : -1e-3) * K;
                            dy = 0;
                            d2 = dx * dx;
                        }
                        fx += dx / d2;
                        fy += dy / d2;
                    }
                    continue;
                }
                double dx = xi - mx[c];
                double dy = yi - my[c];
                double d2 = dx * dx + dy * dy;
                double h = half[c];
                if (4 * h * h < theta2 * d2 && Math.abs(xi - cx[c]) > h | Math.abs(yi - cy[c]) > h) {
                    fx += mass[c] * dx / d2;
                    fy += mass[c] * dy / d2;
                    continue;
                }
                for (int q = 3; q >= 0; q--) {
                    int k = child[4 * c + q];
                    if (k >= 0) stack[top++] = k;
                }
            }
            force[2 * i] += C * K * K * fx;
            force[2 * i + 1] += C * K * K * fy;
        }
    }
}
