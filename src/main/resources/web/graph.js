'use strict';
/* Graph explorer: Cytoscape.js over /api/graph. View state (focus, depth, filters, layout, selection) lives in the URL.
   Layouts: 'auto' (the default) is the server's layout for graphs over BIG nodes and fCoSE below; 'server' draws the
   positions /api/graph?layout=server computed (org.alignkg.viz.ForceLayout) with the 'preset' layout; the others
   run in the browser. Without a focus, a synthetic graph or view=full, the page opens on the concept map (map-layout.js):
   limitations and concept families, documents folded into counts; 'auto' is then its grouped layout. */
(function () {
  const { el, href, getJson, cyStyle, swatch, download, aboutQuery, editorLink } = window.AKG;
  const params = new URLSearchParams(location.search);
  const state = {
    focus: params.get('focus') || '',
    depth: params.get('depth') || '',
    hiddenTypes: new Set((params.get('hide') || '').split(',').filter(Boolean)),
    hiddenRelations: new Set((params.get('hiderel') || '').split(',').filter(Boolean)),
    layout: params.get('layout') || 'auto',
    select: params.get('select') || '',
    synthetic: params.get('synthetic') || '',
    seed: params.get('seed') || '',
    view: params.get('view') || '',
    // map nodes whose documents, and families whose folded concepts, are shown
    open: new Set((params.get('open') || '').split(',').filter(Boolean))
  };
  const mapMode = !state.focus && !state.synthetic && state.view !== 'full';
  let mapModel = null;
  let mapData = null;
  const BIG = 500;
  const LAYOUT_NAMES = { map: 'grouped by family', server: 'server layout', fcose: 'fCoSE', cose: 'CoSE', concentric: 'concentric', breadthfirst: 'hierarchy',
    circle: 'circle', grid: 'grid' };
  let cy = null;
  let legend = null;
  let dataUrl = '';
  // Node id -> {x, y} from the server's layout, once fetched; nodes added later get a place next to a neighbour.
  let serverPositions = null;
  const status = document.getElementById('status');

  function saveState() {
    const p = new URLSearchParams();
    if (state.focus) p.set('focus', state.focus);
    if (state.focus && state.depth) p.set('depth', state.depth);
    if (state.hiddenTypes.size) p.set('hide', [...state.hiddenTypes].join(','));
    if (state.hiddenRelations.size) p.set('hiderel', [...state.hiddenRelations].join(','));
    if (state.layout !== 'auto') p.set('layout', state.layout);
    if (state.select) p.set('select', state.select);
    if (state.synthetic) p.set('synthetic', state.synthetic);
    if (state.synthetic && state.seed) p.set('seed', state.seed);
    if (state.view) p.set('view', state.view);
    if (mapMode && state.open.size) p.set('open', [...state.open].join(','));
    const q = p.toString();
    history.replaceState(null, '', location.pathname + (q ? '?' + q : ''));
  }

  function layoutOptions(name, big) {
    const common = { name, animate: false, fit: true, padding: 30 };
    switch (name) {
      case 'fcose': return Object.assign(common, big
        ? { quality: 'draft', randomize: true, nodeRepulsion: 4500, idealEdgeLength: 40, numIter: 300 }
        : { quality: 'default', randomize: true, nodeRepulsion: 9000, idealEdgeLength: 70, nodeSeparation: 60 });
      case 'cose': return Object.assign(common, { nodeRepulsion: 9000, idealEdgeLength: 70, numIter: big ? 200 : 1000 });
      case 'concentric': return Object.assign(common, { minNodeSpacing: 12,
        concentric: n => ({ limitation: 4, pillar: 3, concept: 2, document: 1 }[n.data('type')] || 0), levelWidth: () => 1 });
      case 'breadthfirst': return Object.assign(common, { directed: false, spacingFactor: 0.9,
        roots: cy.nodes('[type = "limitation"]').length ? cy.nodes('[type = "limitation"]') : undefined });
      default: return common;
    }
  }

  /**
   * The layout that runs for the chosen one: 'auto' is the server's for big graphs and for the full map, fCoSE
   * otherwise. The full map (some 220 nodes and 370 links with the shipped concept scheme) took fCoSE 0.6-7 s in the
   * browser; the server lays it out once per store generation and the browser only draws it.
   */
  function effectiveLayout(nodeCount) {
    if (state.layout === 'auto') return mapMode ? 'map' : nodeCount > BIG || state.view === 'full' ? 'server' : 'fcose';
    return state.layout;
  }

  function withLayoutParam(url) {
    return url + (url.includes('?') ? '&' : '?') + 'layout=server';
  }

  function rememberPositions(nodes) {
    serverPositions = new Map();
    for (const n of nodes) if (n.position) serverPositions.set(n.data.id, n.position);
  }

  // The server's layout only knows the view it was asked for: a node added since (double-click) goes on a small
  // circle around its first neighbour that has a place, and keeps that place.
  function serverPosition(node) {
    let p = serverPositions.get(node.id());
    if (p) return p;
    const placed = node.neighborhood('node').filter(n => serverPositions.has(n.id()));
    const anchor = placed.nonempty() ? serverPositions.get(placed[0].id()) : { x: 0, y: 0 };
    const k = serverPositions.size;
    p = { x: anchor.x + 60 * Math.cos(k * 2.4), y: anchor.y + 60 * Math.sin(k * 2.4) };
    serverPositions.set(node.id(), p);
    return p;
  }

  // What cy.fit(visible nodes, 30) does, from the positions alone: cy.fit would first compute the style and bounding
  // box of every node and edge, which the first frame does anyway; done here it would be paid twice.
  function fitToPositions() {
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    cy.nodes().forEach(n => {
      if (!isShown(n)) return;
      const p = n.position();
      if (p.x < minX) minX = p.x;
      if (p.x > maxX) maxX = p.x;
      if (p.y < minY) minY = p.y;
      if (p.y > maxY) maxY = p.y;
    });
    if (minX === Infinity) return;
    const half = 18; // the largest node is 36 px wide
    const w = cy.width() - 60, h = cy.height() - 60;
    const zoom = Math.max(cy.minZoom(), Math.min(cy.maxZoom(), w / (maxX - minX + 2 * half), h / (maxY - minY + 2 * half)));
    cy.viewport({ zoom, pan: { x: cy.width() / 2 - zoom * (minX + maxX) / 2, y: cy.height() / 2 - zoom * (minY + maxY) / 2 } });
  }

  // cy.fit(cy.elements()) on the concept map: from the nodes' boxes (labels and family boxes included) alone. The
  // map's links are straight lines between its nodes, so they add nothing to the box, and their geometry is then
  // computed once, by the first frame, instead of twice.
  function fitNodes(padding) {
    const bb = cy.nodes(':visible').boundingBox({ includeEdges: false, includeOverlays: false });
    if (!(bb.w > 0 && bb.h > 0)) return;
    const w = cy.width() - 2 * padding, h = cy.height() - 2 * padding;
    const zoom = Math.max(cy.minZoom(), Math.min(cy.maxZoom(), w / bb.w, h / bb.h));
    cy.viewport({ zoom, pan: { x: cy.width() / 2 - zoom * (bb.x1 + bb.x2) / 2, y: cy.height() / 2 - zoom * (bb.y1 + bb.y2) / 2 } });
  }

  // fCoSE and the two libraries under it (320 kB) are loaded only when that layout first runs: the concept map and the
  // server's layout do not need them. Loaded in order; cytoscape-fcose registers itself with the global cytoscape.
  let fcoseLoaded = null;
  function loadFcose() {
    if (!fcoseLoaded) {
      fcoseLoaded = ['/webjars/layout-base/2.0.1/layout-base.js', '/webjars/cose-base/2.2.0/cose-base.js',
        '/webjars/cytoscape-fcose/2.2.0/cytoscape-fcose.js'].reduce((p, src) => p.then(() => new Promise((resolve, reject) => {
        const script = el('script', { src });
        script.addEventListener('load', resolve);
        script.addEventListener('error', () => reject(new Error('could not load ' + src)));
        document.head.append(script);
      })), Promise.resolve());
    }
    return fcoseLoaded;
  }

  async function runLayout() {
    const eles = state.hiddenTypes.size || state.hiddenRelations.size ? cy.elements(':visible') : cy.elements();
    const name = effectiveLayout(cy.nodes().length);
    if (name === 'map') {
      const r = window.AKGMap.layout(cy, cy.width() - 60, cy.height() - 60);
      const tf = performance.now();
      fitNodes(30);
      document.body.dataset.mapParts = window.AKGMap.timing() + ' fit ' + (performance.now() - tf).toFixed(0);
      document.body.dataset.layout = name;
      document.body.dataset.mapColumns = String(r.columns);
      return name;
    }
    if (name === 'fcose') await loadFcose();
    if (name === 'server' && !serverPositions) rememberPositions((await getJson(withLayoutParam(dataUrl))).elements.nodes);
    const options = name === 'server'
      ? { name: 'preset', animate: false, fit: true, padding: 30, positions: serverPosition }
      : layoutOptions(name, cy.nodes().length > BIG);
    await new Promise(resolve => {
      const layout = eles.layout(options);
      layout.one('layoutstop', resolve);
      layout.run();
    });
    document.body.dataset.layout = name;
    return name;
  }

  function applyFilters() {
    // Only touch elements whose state changes: restyling thousands of elements costs real time.
    cy.batch(() => {
      cy.nodes().forEach(n => {
        const hide = state.hiddenTypes.has(n.data('type'));
        if (n.hasClass('type-hidden') !== hide) n.toggleClass('type-hidden', hide);
      });
      cy.edges().forEach(e => {
        const hide = state.hiddenRelations.has(e.data('relation'));
        if (e.hasClass('rel-hidden') !== hide) e.toggleClass('rel-hidden', hide);
      });
    });
    updateStatus();
    renderTable();
  }

  // Counted from the data and the filter state, not with ':visible', which would compute the style
  // of every element up front (most of a second at 2,000 nodes) before the layout needs it.
  function isShown(n) { return !state.hiddenTypes.has(n.data('type')); }
  function updateStatus(extra) {
    let n = 0;
    let e = 0;
    cy.nodes().forEach(x => { if (isShown(x)) n++; });
    cy.edges().forEach(x => {
      if (!state.hiddenRelations.has(x.data('relation')) && isShown(x.source()) && isShown(x.target())) e++;
    });
    status.textContent = n + ' nodes and ' + e + ' links shown' + (extra ? ' · ' + extra : '');
    document.body.dataset.visibleNodes = String(n);
  }

  function buildFilters() {
    const typeBox = document.getElementById('type-filters');
    const relBox = document.getElementById('relation-filters');
    // One pass over the elements for the counts, not a selector per type.
    const count = new Map();
    cy.nodes().forEach(n => count.set(n.data('type'), (count.get(n.data('type')) || 0) + 1));
    const presentRel = new Set();
    cy.edges().forEach(e => { presentRel.add(e.data('relation')); });
    typeBox.querySelectorAll('label').forEach(l => l.remove());
    relBox.querySelectorAll('label').forEach(l => l.remove());
    for (const t of legend.types) {
      if (!t.curated && !count.has(t.id)) continue;
      const box = el('input', { type: 'checkbox', id: 'type-' + t.id, value: t.id, 'data-filter': 'type' });
      box.checked = !state.hiddenTypes.has(t.id);
      box.addEventListener('change', () => {
        if (box.checked) state.hiddenTypes.delete(t.id); else state.hiddenTypes.add(t.id);
        saveState(); applyFilters();
      });
      typeBox.append(el('label', { for: 'type-' + t.id }, box, swatch(t.color, 'node'), ' ' + t.label,
        el('span', { class: 'count', text: ' (' + (count.get(t.id) || 0) + ')' })));
    }
    for (const r of legend.relations) {
      if (r.id === 'other' && !presentRel.has('other')) continue;
      const box = el('input', { type: 'checkbox', id: 'rel-' + r.id, value: r.id, 'data-filter': 'relation' });
      box.checked = !state.hiddenRelations.has(r.id);
      box.addEventListener('change', () => {
        if (box.checked) state.hiddenRelations.delete(r.id); else state.hiddenRelations.add(r.id);
        saveState(); applyFilters();
      });
      relBox.append(el('label', { for: 'rel-' + r.id }, box, swatch(r.color, r.lineStyle), ' ' + r.label));
    }
    // Suggestions for the find box; skipped for very large graphs, where typing still finds nodes.
    const names = document.getElementById('node-names');
    names.replaceChildren(...(cy.nodes().length > 1000 ? [] : cy.nodes().map(n => el('option', { value: n.data('label') }))));
  }

  function showPanel(node) {
    const panel = document.getElementById('panel');
    if (!node) {
      panel.replaceChildren(el('p', { class: 'hint', text: 'Select a node to see its label, definition or verbatim quote, source and links.' }));
      return;
    }
    const d = node.data();
    const t = legend.types.find(x => x.id === d.type) || (d.type === 'family' ? { label: 'Concept family' } : null);
    const links = el('ul', { class: 'links' });
    if (d.iri) {
      links.append(el('li', {}, el('a', { href: href(d.iri), text: 'Resource page' })));
      links.append(el('li', {}, el('a', { href: editorLink(aboutQuery(d.iri)), text: 'Query it in the SPARQL editor' })));
      links.append(el('li', {}, el('a', { href: '/graph?focus=' + encodeURIComponent(d.iri) + '&depth=1', text: 'Show only its neighbourhood' })));
    }
    if (d.url) links.append(el('li', {}, el('a', { href: d.url, rel: 'noreferrer', text: 'Read the document' })));
    if (mapMode) {
      const docs = (mapModel.docsOf.get(d.id) || new Set()).size;
      const folded = d.type === 'family' ? d.folded : 0;
      if (docs || folded) {
        const open = state.open.has(d.id);
        const what = docs ? (open ? 'Hide its ' : 'Show its ') + docs + ' document' + (docs === 1 ? '' : 's')
          : (open ? 'Fold its ' : 'Show its ') + folded + ' other concept' + (folded === 1 ? '' : 's');
        links.prepend(el('li', {}, el('button', { type: 'button', id: 'panel-expand', onclick: () => toggleOpen(d.id), text: what })));
      }
      if (d.type === 'family') links.append(el('li', {}, el('a', { href: href(d.familyOf), text: 'Its top concept' })));
    }
    const neighbours = node.neighborhood('node:visible');
    panel.replaceChildren(...[
      el('p', { class: 'kind kind-' + d.type, text: t ? t.label : d.type }),
      el('h2', { id: 'panel-title', text: d.label }),
      d.quote ? el('blockquote', { class: 'quote', id: 'panel-quote', text: d.quote }) : null,
      d.definition ? el('p', { class: 'definition', id: 'panel-definition', text: d.definition }) : null,
      d.issued ? el('p', { class: 'issued', text: 'Issued ' + d.issued }) : null,
      d.source ? el('p', { class: 'source' }, 'Source: ', el('a', { href: d.sourceUrl || href(d.source), text: d.sourceLabel || d.source })) : null,
      d.iri ? el('p', { class: 'iri' }, el('code', { text: d.iri })) : null,
      links,
      neighbours.length ? el('details', { open: neighbours.length <= 12 },
        el('summary', { text: neighbours.length + ' linked nodes' }),
        el('ul', {}, ...neighbours.sort((a, b) => a.data('label').localeCompare(b.data('label'))).map(n =>
          el('li', {}, el('button', { type: 'button', class: 'linkish', onclick: () => focusNode(n), text: n.data('label') }))))) : null
    ].filter(Boolean));
  }

  function focusNode(node) {
    cy.elements().removeClass('highlight faded');
    cy.$(':selected').unselect();
    node.select();
    node.addClass('highlight');
    node.connectedEdges().addClass('highlight');
    cy.elements(':visible').difference(node.closedNeighborhood()).addClass('faded');
    cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 250 });
    state.select = node.id();
    saveState();
    showPanel(node);
  }

  function find(ev) {
    ev.preventDefault();
    const text = document.getElementById('find-text').value.trim().toLowerCase();
    if (!text) return;
    const visible = cy.nodes(':visible');
    // a concept that is also a family is drawn twice (node and box): the node wins
    const pick = f => visible.filter(n => n.data('type') !== 'family' && f(n))[0] || visible.filter(f)[0];
    const node = pick(n => n.data('label').toLowerCase() === text)
      || pick(n => n.data('label').toLowerCase().startsWith(text))
      || pick(n => n.data('label').toLowerCase().includes(text));
    if (!node) { updateStatus('no shown node matches “' + text + '”'); return; }
    focusNode(node);
    updateStatus('found “' + node.data('label') + '”');
  }

  /** Map view: show or fold the documents of a node, or the folded concepts of a family; then lay out again. */
  async function toggleOpen(id) {
    if (state.open.has(id)) state.open.delete(id); else state.open.add(id);
    saveState();
    cy.elements().remove();
    cy.add(window.AKGMap.elementsOf(mapModel, mapData.elements, state.open));
    buildFilters();
    applyFilters();
    await runLayout();
    const n = cy.getElementById(id);
    if (n.nonempty()) { n.select(); showPanel(n); }
    markOverlaps();
    updateStatus((state.open.has(id) ? 'opened ' : 'folded ') + '“' + (n.nonempty() ? n.data('label') : id) + '”');
  }

  function markOverlaps() {
    if (mapMode) document.body.dataset.labelOverlaps = String(window.AKGMap.labelOverlaps(cy).length);
  }

  // Hovering a node lights up its neighbourhood (a family: its concepts and theirs) and fades the rest.
  function hover(node) {
    const core = node.isParent() ? node.union(node.children()) : node;
    const near = core.closedNeighborhood().union(core.closedNeighborhood().parents());
    cy.batch(() => {
      cy.elements().difference(near).addClass('hover-faded');
      near.addClass('hover');
    });
  }
  function unhover() { cy.batch(() => cy.elements().removeClass('hover hover-faded')); }

  async function expand(node) {
    if (mapMode) {
      if ((mapModel.docsOf.get(node.id()) || new Set()).size || node.data('folded')) await toggleOpen(node.id());
      return;
    }
    try {
      const data = await getJson('/api/graph?focus=' + encodeURIComponent(node.id()) + '&depth=1');
      // The group comes from the list, not from data.source: nodes have a 'source' too (the document they quote).
      const isNew = e => cy.getElementById(e.data.id).empty();
      const fresh = [...data.elements.nodes.filter(isNew).map(e => Object.assign({ group: 'nodes' }, e)),
        ...data.elements.edges.filter(isNew).map(e => Object.assign({ group: 'edges' }, e))];
      if (!fresh.length) { updateStatus('no new neighbours of “' + node.data('label') + '”'); return; }
      cy.add(fresh);
      buildFilters();
      applyFilters();
      await runLayout();
      updateStatus('added ' + fresh.length + ' elements around “' + node.data('label') + '”');
    } catch (e) {
      updateStatus('could not expand: ' + e.message);
    }
  }

  function renderTable() {
    const section = document.getElementById('table-view');
    if (section.hidden) return;
    const typeLabel = id => (legend.types.find(t => t.id === id) || { label: id === 'family' ? 'Concept family' : id }).label;
    const nodes = cy.nodes(':visible').sort((a, b) => a.data('label').localeCompare(b.data('label')));
    document.querySelector('#node-table tbody').replaceChildren(...nodes.map(n => el('tr', {},
      el('td', {}, n.data('iri') ? el('a', { href: href(n.data('iri')), text: n.data('label') }) : n.data('label')),
      el('td', { text: typeLabel(n.data('type')) }),
      el('td', {}, el('button', { type: 'button', class: 'linkish', onclick: () => focusNode(n), text: 'Select' })))));
    const edges = cy.edges(':visible').sort((a, b) => a.source().data('label').localeCompare(b.source().data('label')));
    document.querySelector('#edge-table tbody').replaceChildren(...edges.map(e => el('tr', {},
      el('td', { text: e.source().data('label') }), el('td', { text: e.data('label') }), el('td', { text: e.target().data('label') }))));
  }

  function exportPng() {
    const blob = cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff', maxWidth: 8000, maxHeight: 8000 });
    document.body.dataset.lastExport = 'png ' + blob.size;
    download(blob, 'alignkg-graph.png');
    return blob;
  }

  function exportSvg() {
    const text = window.AKGSvg.svgOf(cy);
    const blob = new Blob([text], { type: 'image/svg+xml' });
    document.body.dataset.lastExport = 'svg ' + blob.size;
    download(blob, 'alignkg-graph.svg');
    return text;
  }

  async function start() {
    dataUrl = '/api/graph';
    if (state.synthetic) {
      const [n, m] = state.synthetic.split('x');
      dataUrl = '/api/graph/synthetic?nodes=' + encodeURIComponent(n) + '&edges=' + encodeURIComponent(m || '0')
        + (state.seed ? '&seed=' + encodeURIComponent(state.seed) : '');
    } else if (state.focus) {
      dataUrl += '?focus=' + encodeURIComponent(state.focus) + '&depth=' + encodeURIComponent(state.depth || '1');
    }
    // The size of the view is known only once it arrives, so 'auto' asks for the server's layout too (a few
    // milliseconds for a small graph, whose positions are then left unused).
    const askServer = !mapMode && (state.layout === 'auto' || state.layout === 'server');
    // Timed from here: fetching the graph (and the server's layout, where asked for), building the renderer,
    // laying out and drawing the first frame.
    const t0 = performance.now();
    // On the concept map the server sends the map and the legend inside the page (data islands, not executed).
    const island = id => { const n = mapMode ? document.getElementById(id) : null; return n ? JSON.parse(n.textContent) : null; };
    const inPage = [island('graph-legend'), island('graph-data')];
    const [legendJson, data] = await Promise.all([inPage[0] || getJson('/api/graph/legend'),
      inPage[1] || getJson(askServer ? withLayoutParam(dataUrl) : dataUrl)]);
    legend = legendJson;
    const tf = performance.now();
    let elements = data.elements;
    if (mapMode) {
      mapData = data;
      mapModel = window.AKGMap.model(data.elements);
      elements = window.AKGMap.elementsOf(mapModel, data.elements, state.open);
    }
    const big = data.elements.nodes.length > BIG;
    // The server's positions are in the elements: 'preset' without fit keeps them and draws nothing yet.
    const serverRun = Boolean(data.layout) && effectiveLayout(data.elements.nodes.length) === 'server';
    if (serverRun) rememberPositions(data.elements.nodes);
    document.getElementById('layout').value = state.layout;
    cy = cytoscape({
      container: document.getElementById('cy'),
      elements,
      style: mapMode ? cyStyle(legend, false).concat(window.AKGMap.style()) : cyStyle(legend, big),
      // Otherwise 'null': it places nothing, where the 'preset' default would fit and draw a first frame we throw away.
      layout: serverRun ? { name: 'preset', fit: false } : { name: 'null' },
      minZoom: 0.05, maxZoom: 4, wheelSensitivity: 0.3,
      hideEdgesOnViewport: big, textureOnViewport: big, pixelRatio: big ? 1 : 'auto'
    });
    const tc = performance.now();
    window.alignkgGraph = { cy, focusNode, exportPng, exportSvg, expand, legend, mapMode, toggleOpen,
      labelOverlaps: () => window.AKGMap.labelOverlaps(cy) };
    buildFilters();
    applyFilters();
    const t1 = performance.now();
    document.body.dataset.initParts = 'cy ' + (tc - tf).toFixed(0) + ' filters ' + (t1 - tc).toFixed(0);
    let ran = 'server';
    if (serverRun) {
      fitToPositions();
      document.body.dataset.layout = ran;
    } else {
      ran = await runLayout();
    }
    const t2 = performance.now();
    await new Promise(resolve => { cy.one('render', resolve); cy.forceRender(); });
    const ms = performance.now() - t0;
    const server = serverRun ? ' (server layout ' + data.layout.millis + (data.layout.cached ? ' cached' : '') + ')' : '';
    document.body.dataset.renderParts = (inPage[1] ? 'in page ' : 'fetch ') + (tf - t0).toFixed(0) + server + ' init ' + (t1 - tf).toFixed(0)
      + ' layout ' + (t2 - t1).toFixed(0) + ' ' + ran + (mapMode ? ' (' + document.body.dataset.mapParts + ')' : '')
      + ' draw ' + (performance.now() - t2).toFixed(0);
    document.body.dataset.renderMs = ms.toFixed(0);
    // from the navigation's start (performance.now() counts from it) to the first frame of the graph
    document.body.dataset.paintMs = performance.now().toFixed(0);
    if (state.select && cy.getElementById(state.select).nonempty()) focusNode(cy.getElementById(state.select));
    else if (state.focus && cy.getElementById(state.focus).nonempty()) focusNode(cy.getElementById(state.focus));
    markOverlaps();
    updateStatus((mapMode ? 'concept map, documents folded into counts · ' : '') + 'laid out in ' + ms.toFixed(0) + ' ms (' + LAYOUT_NAMES[ran] + ')');
    document.body.dataset.ready = 'true';

    cy.on('tap', 'node', e => focusNode(e.target));
    cy.on('tap', e => { if (e.target === cy) { cy.elements().removeClass('highlight faded'); state.select = ''; saveState(); showPanel(null); } });
    cy.on('dbltap', 'node', e => expand(e.target));
    if (!big) {
      cy.on('mouseover', 'node', e => hover(e.target));
      cy.on('mouseout', 'node', unhover);
      // Cytoscape.js sends no mouseout when the pointer leaves the canvas over a node.
      cy.container().addEventListener('mouseleave', unhover);
    }
  }

  document.getElementById('find').addEventListener('submit', find);
  document.getElementById('layout').addEventListener('change', ev => {
    state.layout = ev.target.value;
    saveState();
    runLayout().then(ran => updateStatus(LAYOUT_NAMES[ran])).catch(e => updateStatus('could not lay out: ' + e.message));
  });
  document.getElementById('fit').addEventListener('click', () => cy.fit(cy.elements(':visible'), 30));
  document.getElementById('reset').addEventListener('click', () => { location.href = '/graph'; });
  document.getElementById('full-map').addEventListener('click', () => { location.href = '/graph?view=full'; });
  document.getElementById('export-png').addEventListener('click', exportPng);
  document.getElementById('export-svg').addEventListener('click', exportSvg);
  document.getElementById('toggle-table').addEventListener('click', ev => {
    const section = document.getElementById('table-view');
    section.hidden = !section.hidden;
    ev.target.setAttribute('aria-expanded', String(!section.hidden));
    renderTable();
    if (!section.hidden) section.querySelector('h2').scrollIntoView();
  });
  start().catch(e => {
    status.textContent = 'Could not load the graph: ' + e.message;
    status.classList.add('error');
    document.body.dataset.ready = 'error';
  });
})();
