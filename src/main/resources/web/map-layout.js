'use strict';
/* The default view of /graph, the concept map: limitations in a row on top, below them the concept families (the top
   concepts reached by skos:broader) as boxes with their concepts stacked inside, documents folded into counts on the
   nodes they are linked to. The layout is deterministic and label-aware: every node is placed from the bounding box
   Cytoscape.js computes for it, label included, so no two labels can overlap at any zoom. */
window.AKGMap = (function () {
  /** Above this many concepts, those no limitation concerns are folded into their family (expandable). */
  const MAX_OPEN_CONCEPTS = 60;
  const GAP = 6;          // between stacked nodes
  const COLUMN_GAP = 28;  // between family columns
  const ROW_GAP = 56;     // between the limitation row and the families

  function labelOf(n) { return n.data.label || n.data.id; }
  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }

  /**
   * The map model from the whole map's elements (/api/graph): families, which concepts are shown, and the documents
   * linked to each node. Nothing is drawn here.
   */
  function model(elements) {
    const byId = new Map(elements.nodes.map(n => [n.data.id, n]));
    const broader = new Map();   // concept -> broader concepts
    const docsOf = new Map();    // node -> document ids linked to it
    const concerned = new Set(); // concepts a limitation concerns
    for (const e of elements.edges) {
      const s = byId.get(e.data.source), t = byId.get(e.data.target);
      if (!s || !t) continue;
      if (e.data.relation === 'broader' && s.data.type === 'concept' && t.data.type === 'concept') {
        if (!broader.has(s.data.id)) broader.set(s.data.id, []);
        broader.get(s.data.id).push(t.data.id);
      }
      if (e.data.relation === 'concerns' && s.data.type === 'limitation' && t.data.type === 'concept') concerned.add(t.data.id);
      const doc = s.data.type === 'document' ? s : t.data.type === 'document' ? t : null;
      const other = doc === s ? t : s;
      if (doc && other.data.type !== 'document') {
        if (!docsOf.has(other.data.id)) docsOf.set(other.data.id, new Set());
        docsOf.get(other.data.id).add(doc.data.id);
      }
    }
    // The family of a concept: the top concept reached by following skos:broader; of several, the least IRI (as the
    // facets of /compare, org.alignkg.query.PlanMatrix).
    const familyCache = new Map();
    function family(id, seen) {
      if (familyCache.has(id)) return familyCache.get(id);
      const tops = (broader.get(id) || []).filter(x => !seen.has(x)).map(x => family(x, new Set([...seen, id]))).sort();
      const top = tops.length ? tops[0] : id;
      familyCache.set(id, top);
      return top;
    }
    const concepts = elements.nodes.filter(n => n.data.type === 'concept');
    const fold = concepts.length > MAX_OPEN_CONCEPTS;
    const families = new Map(); // top concept id -> {id, top, members, folded}
    for (const c of concepts) {
      const top = family(c.data.id, new Set());
      if (!families.has(top)) families.set(top, { id: 'family:' + top, top, members: [], folded: [] });
      const f = families.get(top);
      (fold && !concerned.has(c.data.id) ? f.folded : f.members).push(c.data.id);
    }
    return { byId, docsOf, families, fold, limitations: elements.nodes.filter(n => n.data.type === 'limitation').map(n => n.data.id) };
  }

  /** The text drawn for a node: its label and, when it has documents not shown, how many. */
  function display(m, id, expanded) {
    const n = m.byId.get(id);
    const docs = m.docsOf.get(id);
    if (!docs || !docs.size || n.data.type === 'document' || expanded.has(id)) return labelOf(n);
    return labelOf(n) + '\n' + plural(docs.size, 'document') + ' ▸';
  }

  /**
   * The elements of the map for the expansion state: {@code expanded} holds nodes whose documents are shown and
   * families whose folded concepts are shown.
   */
  function elementsOf(m, all, expanded) {
    const shown = new Set(m.limitations);
    const out = [];
    const parentOf = new Map();
    for (const f of m.families.values()) {
      const open = expanded.has(f.id);
      const members = open ? f.members.concat(f.folded) : f.members;
      if (!members.length && !f.folded.length) continue;
      const top = m.byId.get(f.top);
      const more = !open && f.folded.length ? ' (+' + f.folded.length + ' more)' : '';
      out.push({ group: 'nodes', data: { id: f.id, label: labelOf(top) + ' family', display: labelOf(top) + more, type: 'family',
        familyOf: f.top, folded: f.folded.length } });
      for (const c of members) { shown.add(c); parentOf.set(c, f.id); }
    }
    for (const id of expanded) for (const d of (m.docsOf.get(id) || [])) if (shown.has(id) || id.startsWith('family:')) shown.add(d);
    for (const id of [...shown].sort()) {
      const n = m.byId.get(id);
      if (!n) continue;
      const data = Object.assign({}, n.data, { display: display(m, id, expanded) });
      if (parentOf.has(id)) data.parent = parentOf.get(id);
      out.push({ group: 'nodes', data });
    }
    for (const e of all.edges) {
      if (shown.has(e.data.source) && shown.has(e.data.target)) out.push(Object.assign({ group: 'edges' }, e));
    }
    return out;
  }

  /** Map-only style on top of the shared one: labels beside concepts, family boxes, hover highlighting. */
  function style() {
    return [
      { selector: 'node', style: { 'label': 'data(display)', 'font-size': 10, 'min-zoomed-font-size': 0 } },
      { selector: 'node[type = "concept"], node[type = "document"]', style: { 'text-halign': 'right', 'text-valign': 'center',
        'text-margin-x': 4, 'text-margin-y': 0, 'text-max-width': 170, 'width': 14, 'height': 14 } },
      { selector: 'node[type = "document"]', style: { 'font-size': 9, 'width': 10, 'height': 10 } },
      { selector: 'node[type = "limitation"]', style: { 'text-max-width': 190, 'font-weight': 600, 'width': 30, 'height': 30 } },
      { selector: 'node[type = "family"]', style: { 'shape': 'round-rectangle', 'background-color': '#eef3f8', 'background-opacity': 1,
        'border-width': 1, 'border-color': '#b6c7d8', 'padding': 8, 'text-valign': 'top', 'text-halign': 'center',
        'text-margin-y': -3, 'font-size': 11, 'font-weight': 600, 'color': '#24496b', 'text-max-width': 220 } },
      { selector: 'node[type = "family"]:childless', style: { 'width': 48, 'height': 16 } },
      { selector: 'edge', style: { 'curve-style': 'straight', 'width': 1, 'opacity': 0.35, 'arrow-scale': 0.6 } },
      { selector: 'edge[relation = "broader"], edge[relation = "related"]', style: { 'opacity': 0.25 } },
      { selector: '.hover-faded', style: { 'opacity': 0.12 } },
      { selector: 'edge.hover', style: { 'opacity': 1, 'width': 2.5 } },
      { selector: 'node.hover', style: { 'border-width': 3, 'border-color': '#111' } },
      { selector: 'node[type = "family"].hover', style: { 'border-width': 2, 'border-color': '#24496b' } }
    ];
  }

  /** Bounding box of a node relative to its position, label included. */
  function extent(n) {
    const p = n.position();
    const b = n.boundingBox({ includeLabels: true, includeOverlays: false, includeEdges: false });
    return { x1: b.x1 - p.x, x2: b.x2 - p.x, y1: b.y1 - p.y, y2: b.y2 - p.y, w: b.w, h: b.h };
  }

  /** Order key: the mean index of the limitations a node is linked to (documents through their limitation). */
  function barycentre(n, limIndex) {
    const xs = n.neighborhood().nodes().filter(x => x.data('type') === 'limitation').map(l => limIndex.get(l.id()));
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Infinity;
  }

  /** Stacks nodes top-down from (x, y), left edges of their boxes aligned; returns the height used. */
  function stack(nodes, x, y, ext) {
    let cursor = y;
    for (const n of nodes) {
      const e = ext.get(n.id());
      n.position({ x: x - e.x1, y: cursor - e.y1 });
      cursor += e.h + GAP;
    }
    return nodes.length ? cursor - GAP - y : 0;
  }

  /**
   * Places every node of the map. {@code width} and {@code height} are the canvas size: the number of family columns
   * is the one that lets the whole map be drawn largest.
   */
  function layout(cy, width, height) {
    const t0 = performance.now();
    const ext = new Map();
    cy.nodes().forEach(n => { if (!n.isParent()) ext.set(n.id(), extent(n)); });
    const t1 = performance.now();
    const lims = cy.nodes('[type = "limitation"]').sort((a, b) => (a.data('number') || 0) - (b.data('number') || 0)
      || a.data('label').localeCompare(b.data('label')));
    const limIndex = new Map(lims.map((l, i) => [l.id(), i]));
    const byLabel = (a, b) => a.data('label').localeCompare(b.data('label'));
    const centre = new Map();
    cy.nodes().forEach(n => { if (!n.isParent()) centre.set(n.id(), barycentre(n, limIndex)); });
    const order = (a, b) => (centre.get(a.id()) - centre.get(b.id())) || byLabel(a, b);

    // Each family box: its concepts, the top concept first, then by the limitations they concern; a long family is
    // wrapped into several inner columns. Its title is measured once (it sits above the box, outside it).
    const blocks = [];
    cy.nodes('[type = "family"]').forEach(f => {
      const kids = f.children().filter(n => n.data('type') === 'concept').sort((a, b) => {
        if (a.id() === f.data('familyOf')) return -1;
        if (b.id() === f.data('familyOf')) return 1;
        return order(a, b);
      });
      const t = f.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });
      const pad = parseFloat(f.style('padding')) || 0;
      blocks.push({ f, kids, labelW: t.w, labelH: t.h + 4, frame: pad + (parseFloat(f.style('border-width')) || 0) + 2,
        key: Math.min(...kids.map(k => centre.get(k.id())), Infinity) });
    });
    blocks.sort((a, b) => (a.key - b.key) || byLabel(a.f, b.f));
    const INNER_GAP = 14;
    /** Block size when its concepts are wrapped into columns no taller than {@code maxH}. */
    function shape(b, maxH) {
      if (!b.kids.length) { // every concept folded: the family is a small box of its own, title above
        const e = ext.get(b.f.id());
        b.cols = []; b.innerW = 0; b.w = e.w + 2; b.h = e.h + 2;
        return;
      }
      const cols = [];
      let col = { kids: [], w: 0, h: 0 };
      for (const k of b.kids) {
        const e = ext.get(k.id());
        if (col.kids.length && col.h + GAP + e.h > maxH) { cols.push(col); col = { kids: [], w: 0, h: 0 }; }
        col.h += (col.kids.length ? GAP : 0) + e.h;
        col.w = Math.max(col.w, e.w);
        col.kids.push(k);
      }
      if (col.kids.length) cols.push(col);
      const innerW = cols.reduce((w, c) => w + c.w, 0) + INNER_GAP * Math.max(0, cols.length - 1);
      const innerH = cols.reduce((h, c) => Math.max(h, c.h), 0);
      b.cols = cols;
      b.innerW = innerW;
      b.w = Math.max(innerW + 2 * b.frame, b.labelW) + 2;
      b.h = innerH + 2 * b.frame + b.labelH + 2;
    }
    function place(b, left, top) {
      if (!b.kids.length) {
        const e = ext.get(b.f.id());
        b.f.position({ x: left + 1 + (b.w - e.w) / 2 - e.x1, y: top + 1 - e.y1 });
        return;
      }
      let x = left + (b.w - b.innerW) / 2;
      for (const c of b.cols) {
        stack(c.kids, x, top + b.labelH + b.frame + 1, ext);
        x += c.w + INNER_GAP;
      }
    }
    // Documents shown: stacked under the first shown node they are linked to (limitations first).
    const placedDocs = new Set();
    const docsUnder = new Map();
    cy.nodes('[type = "document"]').sort(byLabel).forEach(d => {
      const owner = d.neighborhood('node[type = "limitation"]').sort((a, b) => limIndex.get(a.id()) - limIndex.get(b.id()))[0]
        || d.neighborhood('node[type != "document"]')[0];
      if (!owner) return;
      if (!docsUnder.has(owner.id())) docsUnder.set(owner.id(), []);
      docsUnder.get(owner.id()).push(d);
    });

    // The limitation row, each limitation with its shown documents below it.
    const limCols = lims.map(l => {
      const docs = docsUnder.get(l.id()) || [];
      docs.forEach(d => placedDocs.add(d.id()));
      const e = ext.get(l.id());
      const docW = docs.reduce((w, d) => Math.max(w, ext.get(d.id()).w), 0);
      const docH = docs.reduce((h, d) => h + ext.get(d.id()).h + GAP, 0);
      return { l, docs, w: Math.max(e.w, docW + 12), h: e.h + (docs.length ? GAP * 2 + docH : 0) };
    });

    function arrange(columns, maxH, commit) {
      for (const b of blocks) shape(b, maxH);
      // families into columns, each to the currently shortest one, in barycentre order
      const cols = Array.from({ length: columns }, () => ({ h: 0, w: 0, items: [] }));
      for (const b of blocks) {
        const c = cols.reduce((best, x) => x.h < best.h ? x : best, cols[0]);
        c.items.push({ b, y: c.h });
        c.h += b.h + COLUMN_GAP / 2;
        c.w = Math.max(c.w, b.w);
      }
      const famW = cols.reduce((s, c) => s + c.w, 0) + COLUMN_GAP * Math.max(0, columns - 1);
      const famH = cols.reduce((h, c) => Math.max(h, c.h), 0);
      // limitations in rows no wider than the families (or one row when there are none)
      const rowW = Math.max(famW, limCols.reduce((w, c) => Math.max(w, c.w), 0));
      const rows = [];
      let row = { items: [], w: 0, h: 0 };
      for (const c of limCols) {
        if (row.items.length && row.w + COLUMN_GAP + c.w > rowW) { rows.push(row); row = { items: [], w: 0, h: 0 }; }
        row.items.push({ c, x: row.w ? row.w + COLUMN_GAP : 0 });
        row.w = (row.w ? row.w + COLUMN_GAP : 0) + c.w;
        row.h = Math.max(row.h, c.h);
      }
      if (row.items.length) rows.push(row);
      const limH = rows.reduce((h, r) => h + r.h + GAP * 3, 0);
      const totalW = Math.max(famW, rows.reduce((w, r) => Math.max(w, r.w), 0));
      const totalH = limH + (blocks.length ? ROW_GAP + famH : 0);
      if (commit) {
        let y = 0;
        for (const r of rows) {
          const x0 = (totalW - r.w) / 2;
          for (const { c, x } of r.items) {
            const e = ext.get(c.l.id());
            const left = x0 + x;
            c.l.position({ x: left + c.w / 2, y: y - e.y1 });
            stack(c.docs, left + 12, y + e.h + GAP * 2, ext);
          }
          y += r.h + GAP * 3;
        }
        let x = (totalW - famW) / 2;
        const top = limH + ROW_GAP;
        for (const c of cols) {
          for (const { b, y: by } of c.items) place(b, x + (c.w - b.w) / 2, top + by);
          x += c.w + COLUMN_GAP;
        }
      }
      return { totalW, totalH };
    }

    // The tallest a family's inner column may be, and the number of family columns: the pair that draws the map largest.
    const tallest = blocks.reduce((h, b) => Math.max(h, b.kids.reduce((s, k) => s + ext.get(k.id()).h + GAP, 0)), 0);
    const heights = [];
    for (let f = 1; f >= 0.08; f *= 0.8) heights.push(Math.max(tallest * f, 30));
    const t2 = performance.now();
    let best = { k: 1, maxH: tallest + 1 }, bestZoom = -1;
    for (const maxH of heights) {
      for (let k = 1; k <= Math.max(1, Math.min(12, blocks.length)); k++) {
        const { totalW, totalH } = arrange(k, maxH, false);
        const zoom = Math.min(width / Math.max(totalW, 1), height / Math.max(totalH, 1));
        if (zoom > bestZoom + 1e-9) { bestZoom = zoom; best = { k, maxH }; }
      }
    }
    const t3 = performance.now();
    // one batch: otherwise every position set recomputes the family boxes and fires its own events
    cy.batch(() => arrange(best.k, best.maxH, true));
    const t4 = performance.now();
    // documents linked only to nodes that are not drawn: beside the map
    let y = 0;
    cy.nodes('[type = "document"]').forEach(d => {
      if (placedDocs.has(d.id()) || [...docsUnder.values()].some(ds => ds.includes(d))) return;
      const e = ext.get(d.id());
      d.position({ x: -200 - e.x1, y: y - e.y1 });
      y += e.h + GAP;
    });
    // where the time went, for the paint benchmark: measuring the labels, the rest, the search, placing
    lastTiming = 'measure ' + (t1 - t0).toFixed(0) + ' prepare ' + (t2 - t1).toFixed(0) + ' search ' + (t3 - t2).toFixed(0)
      + ' place ' + (t4 - t3).toFixed(0);
    return { columns: best.k, zoom: bestZoom };
  }

  /**
   * Pairs of node labels whose drawn boxes intersect, from Cytoscape.js's own label bounding boxes in rendered
   * (screen) coordinates. The browser test and the status line use it.
   */
  function labelOverlaps(cy) {
    const boxes = [];
    cy.nodes(':visible').forEach(n => {
      if (!n.style('label')) return;
      const b = n.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false });
      if (b.w > 0 && b.h > 0) boxes.push({ id: n.id(), b });
    });
    const pairs = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].b, c = boxes[j].b;
        if (a.x1 < c.x2 && c.x1 < a.x2 && a.y1 < c.y2 && c.y1 < a.y2) pairs.push([boxes[i].id, boxes[j].id]);
      }
    }
    return pairs;
  }

  let lastTiming = '';
  return { model, elementsOf, style, layout, labelOverlaps, MAX_OPEN_CONCEPTS, timing: () => lastTiming };
})();
