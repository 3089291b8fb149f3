'use strict';
/* SPARQL editor: CodeMirror (SPARQL mode) talking to /sparql; tables, graph view of CONSTRUCT results, downloads. */
(function () {
  const { el, href, getJson, problem, cyStyle, download } = window.AKG;
  const GRAPH_ACCEPT = 'application/sparql-results+json, application/n-triples;q=0.9, application/json;q=0.1';
  let prefixes = {};
  let legend = null;
  let lastQuery = '';
  let lastKind = '';
  let cy = null;
  let errorMark = null;

  const editor = CodeMirror.fromTextArea(document.getElementById('query-text'), {
    mode: 'application/sparql-query', lineNumbers: true, matchBrackets: true, indentUnit: 2, viewportMargin: Infinity,
    extraKeys: { 'Ctrl-Enter': () => run(), 'Cmd-Enter': () => run() }
  });
  editor.on('change', () => clearErrorMark());
  window.alignkgEditor = editor;

  function prefixBlock(text) {
    return Object.entries(prefixes).filter(([p]) => !new RegExp('PREFIX\\s+' + p + ':', 'i').test(text))
      .map(([p, ns]) => 'PREFIX ' + p + ': <' + ns + '>').join('\n');
  }

  function clearErrorMark() {
    if (errorMark) { errorMark.clear(); errorMark = null; }
    editor.getAllMarks().forEach(m => m.clear());
  }

  function showError(err) {
    const box = document.getElementById('error');
    box.hidden = false;
    const d = err.details || {};
    let where = '';
    if (d.line) where = 'Line ' + d.line + (d.column ? ', column ' + d.column : '') + ': ';
    const kind = err.status === 503 ? 'The query took too long or the store is busy. ' : err.status === 400 ? '' : 'Error ' + (err.status || '') + ': ';
    box.replaceChildren(el('strong', { text: kind + where }), el('span', { id: 'error-message', text: err.message }));
    if (d.line) {
      const line = d.line - 1;
      const ch = Math.max(0, (d.column || 1) - 1);
      const lineText = editor.getLine(line) || '';
      const end = Math.min(lineText.length, ch + Math.max(1, (/^\S+/.exec(lineText.slice(ch)) || [''])[0].length));
      errorMark = editor.markText({ line, ch }, { line, ch: Math.max(end, ch + 1) }, { className: 'cm-error-token', title: err.message });
      editor.setCursor({ line, ch });
      box.dataset.line = String(d.line);
      box.dataset.column = String(d.column || '');
    }
  }

  function cell(term) {
    if (!term) return el('td', { class: 'unbound' });
    if (term.type === 'uri') return el('td', {}, el('a', { href: href(term.value), title: term.value, text: shortForm(term.value) }));
    if (term.type === 'bnode') return el('td', { class: 'bnode', text: '_:' + term.value });
    const extra = term['xml:lang'] ? '@' + term['xml:lang'] : '';
    return el('td', {}, el('span', { class: 'literal', text: term.value }), extra ? el('span', { class: 'lang', text: ' ' + extra }) : null);
  }

  function shortForm(iri) {
    for (const [p, ns] of Object.entries(prefixes)) if (iri.startsWith(ns) && iri.length > ns.length && !/[/#]/.test(iri.slice(ns.length))) return p + ':' + iri.slice(ns.length);
    return '<' + iri + '>';
  }

  function table(vars, rows) {
    return el('table', { class: 'results', id: 'results-table' },
      el('caption', { text: rows.length + ' result' + (rows.length === 1 ? '' : 's') }),
      el('thead', {}, el('tr', {}, ...vars.map(v => el('th', { scope: 'col', text: v })))),
      el('tbody', {}, ...rows.map(r => el('tr', {}, ...vars.map(v => cell(r[v]))))));
  }

  /** N-Triples to SPARQL-JSON-like terms (enough for showing the triples as a table). */
  function parseNTriples(text) {
    const term = /\s*(<([^>]*)>|_:(\S+)|"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?)/y;
    const unescape = s => s.replace(/\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})|\\(.)/g, (m, u, U, c) =>
      u ? String.fromCharCode(parseInt(u, 16)) : U ? String.fromCodePoint(parseInt(U, 16)) : ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' }[c] || c));
    const rows = [];
    for (const line of text.split('\n')) {
      if (!line.trim() || line.trim().startsWith('#')) continue;
      term.lastIndex = 0;
      const out = [];
      for (let i = 0; i < 3; i++) {
        const m = term.exec(line);
        if (!m) break;
        if (m[2] !== undefined) out.push({ type: 'uri', value: m[2] });
        else if (m[3] !== undefined) out.push({ type: 'bnode', value: m[3] });
        else out.push(Object.assign({ type: 'literal', value: unescape(m[4]) }, m[5] ? { 'xml:lang': m[5] } : {}));
      }
      if (out.length === 3) rows.push({ subject: out[0], predicate: out[1], object: out[2] });
    }
    return rows;
  }

  function formBody(query) { return new URLSearchParams({ query }).toString(); }

  async function run() {
    const query = editor.getValue();
    const results = document.getElementById('results');
    document.getElementById('error').hidden = true;
    clearErrorMark();
    results.replaceChildren(el('p', { class: 'hint', text: 'Running…' }));
    document.getElementById('result-graph').hidden = true;
    document.getElementById('result-tabs').hidden = true;
    const t0 = performance.now();
    let resp;
    try {
      resp = await fetch('/sparql', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: GRAPH_ACCEPT }, body: formBody(query) });
    } catch (e) {
      results.replaceChildren();
      showError({ message: 'The server did not answer: ' + e.message });
      return;
    }
    if (!resp.ok) {
      results.replaceChildren();
      showError(await problem(resp));
      document.getElementById('downloads').hidden = true;
      return;
    }
    const type = (resp.headers.get('Content-Type') || '').split(';')[0].trim();
    lastQuery = query;
    const ms = performance.now() - t0;
    if (type === 'application/sparql-results+json' || type === 'application/json') {
      const data = await resp.json();
      lastKind = 'results';
      if (typeof data.boolean === 'boolean') {
        results.replaceChildren(el('p', { class: 'boolean', id: 'results-boolean', text: 'ASK: ' + data.boolean }));
      } else {
        results.replaceChildren(table(data.head.vars, data.results.bindings));
      }
    } else {
      lastKind = 'graph';
      const rows = parseNTriples(await resp.text());
      results.replaceChildren(table(['subject', 'predicate', 'object'], rows));
      document.getElementById('result-tabs').hidden = false;
      selectTab('table');
    }
    document.getElementById('timing').textContent = 'answered in ' + ms.toFixed(0) + ' ms';
    const dl = document.getElementById('downloads');
    dl.hidden = false;
    dl.querySelector('[data-format=csv]').hidden = lastKind !== 'results';
    dl.querySelector('[data-format=turtle]').hidden = lastKind !== 'graph';
    const q = new URLSearchParams(location.search);
    q.set('q', query);
    history.replaceState(null, '', '/query?' + q.toString());
  }

  async function showGraph() {
    const box = document.getElementById('result-graph');
    box.hidden = false;
    try {
      const resp = await fetch('/api/graph/construct', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }, body: formBody(lastQuery) });
      if (!resp.ok) throw await problem(resp);
      const data = await resp.json();
      if (!legend) legend = await getJson('/api/graph/legend');
      if (cy) cy.destroy();
      const big = data.elements.nodes.length > 500;
      cy = cytoscape({ container: box, elements: data.elements, style: cyStyle(legend, big), layout: { name: 'null' } });
      cy.layout({ name: data.elements.nodes.length < 400 ? 'fcose' : 'grid', animate: false, randomize: true }).run();
      cy.on('tap', 'node', e => { const iri = e.target.data('iri'); if (iri) window.open(href(iri), '_blank', 'noopener'); });
      window.alignkgResultGraph = cy;
    } catch (e) {
      showError(e);
    }
  }

  function selectTab(which) {
    document.getElementById('tab-table').setAttribute('aria-pressed', String(which === 'table'));
    document.getElementById('tab-graph').setAttribute('aria-pressed', String(which === 'graph'));
    document.getElementById('results').hidden = which !== 'table';
    if (which === 'graph') showGraph(); else document.getElementById('result-graph').hidden = true;
  }

  async function downloadAs(format) {
    const ext = { csv: 'csv', json: lastKind === 'graph' ? 'jsonld' : 'json', turtle: 'ttl' }[format];
    try {
      const resp = await fetch('/sparql?format=' + (format === 'json' && lastKind === 'graph' ? 'jsonld' : format), {
        method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: formBody(lastQuery) });
      if (!resp.ok) throw await problem(resp);
      const blob = await resp.blob();
      document.body.dataset.lastDownload = format + ' ' + blob.size;
      download(blob, 'alignkg-results.' + ext);
    } catch (e) {
      showError(e);
    }
  }

  async function start() {
    const [legendData, examples] = await Promise.all([getJson('/api/graph/legend'), getJson('/api/examples')]);
    legend = legendData;
    prefixes = legend.prefixes;
    const select = document.getElementById('examples');
    for (const ex of examples) select.append(el('option', { value: ex.name, text: ex.title + ' (' + ex.form + ')' }));
    select.addEventListener('change', () => {
      const ex = examples.find(x => x.name === select.value);
      if (!ex) return;
      editor.setValue(ex.text);
      document.getElementById('example-question').textContent = ex.question;
    });
    const params = new URLSearchParams(location.search);
    if (params.get('q')) editor.setValue(params.get('q'));
    else if (params.get('example') && examples.find(x => x.name === params.get('example'))) {
      select.value = params.get('example');
      select.dispatchEvent(new Event('change'));
    } else {
      editor.setValue(prefixBlock('') + '\n\nSELECT ?limitation ?label WHERE {\n  ?limitation a akg:Limitation ; rdfs:label ?label ; akg:number ?n .\n}\nORDER BY ?n\n');
    }
    document.body.dataset.ready = 'true';
    if (params.get('run') === '1') run();
  }

  document.getElementById('query-form').addEventListener('submit', ev => { ev.preventDefault(); run(); });
  document.getElementById('add-prefixes').addEventListener('click', () => {
    const block = prefixBlock(editor.getValue());
    if (block) editor.replaceRange(block + '\n', { line: 0, ch: 0 });
  });
  document.getElementById('tab-table').addEventListener('click', () => selectTab('table'));
  document.getElementById('tab-graph').addEventListener('click', () => selectTab('graph'));
  document.querySelectorAll('#downloads button').forEach(b => b.addEventListener('click', () => downloadAs(b.dataset.format)));
  start().catch(e => showError(e));
})();
