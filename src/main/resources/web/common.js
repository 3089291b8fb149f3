'use strict';
/* Shared helpers of the alignkg pages. No inline scripts or styles: the CSP forbids them. */
window.AKG = (function () {
  const BASE = 'https://w3id.org/alignkg/';

  /** Where this server shows an IRI (same rule as the server's resource pages). */
  function href(iri) {
    if (iri.startsWith(BASE) && iri.length > BASE.length) {
      const rest = iri.slice(BASE.length);
      if (!rest.includes('#') && !rest.includes('?')) return '/id/' + rest;
    }
    return '/resource?iri=' + encodeURIComponent(iri);
  }

  /** el('a', {href: '/x', class: 'y'}, 'text', child...): builds DOM without innerHTML. */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
    return e;
  }

  /** An Error from a failed response: the server's {title, details} JSON or its plain text. */
  async function problem(resp) {
    const text = await resp.text();
    let message = text.trim() || (resp.status + ' ' + resp.statusText);
    let details = {};
    try {
      const body = JSON.parse(text);
      if (body && body.title) { message = body.title; details = body.details || {}; }
    } catch (e) { /* plain text */ }
    const err = new Error(message);
    err.status = resp.status;
    err.details = details;
    return err;
  }

  async function getJson(url, accept) {
    const resp = await fetch(url, { headers: { Accept: accept || 'application/json' } });
    if (!resp.ok) throw await problem(resp);
    return resp.json();
  }

  /** A query for the editor that shows everything said about an IRI, both ways. */
  function aboutQuery(iri) {
    return 'PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n' +
      '# Everything said about <' + iri + '>\n' +
      'SELECT ?direction ?property ?value ?valueLabel WHERE {\n' +
      '  { <' + iri + '> ?property ?value . BIND("out" AS ?direction) }\n' +
      '  UNION { ?value ?property <' + iri + '> . BIND("in" AS ?direction) }\n' +
      '  OPTIONAL { ?value rdfs:label|<http://www.w3.org/2004/02/skos/core#prefLabel>|<http://purl.org/dc/terms/title> ?valueLabel }\n' +
      '}\nORDER BY ?direction ?property ?value\nLIMIT 500\n';
  }

  function editorLink(query) { return '/query?q=' + encodeURIComponent(query); }

  /** Cytoscape.js stylesheet from the server's legend (/api/graph/legend): one look for every graph view. */
  // Big graphs (over 500 nodes) have no labels or arrows, and leave out the properties that only style those: each
  // property costs time on every element when the style is first computed.
  function cyStyle(legend, big) {
    const style = [
      { selector: 'node', style: big
        ? { 'width': 22, 'height': 22, 'border-width': 1, 'border-color': '#555' }
        : { 'label': 'data(label)', 'font-size': 9, 'text-wrap': 'wrap', 'text-max-width': 120,
          'text-valign': 'bottom', 'text-margin-y': 3, 'width': 22, 'height': 22, 'border-width': 1, 'border-color': '#555',
          'color': '#222', 'min-zoomed-font-size': 7 } },
      { selector: 'edge', style: big
        ? { 'width': 1.4, 'curve-style': 'haystack', 'opacity': 0.85 }
        : { 'width': 1.4, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'arrow-scale': 0.8, 'opacity': 0.85 } },
      { selector: '.type-hidden, .rel-hidden', style: { 'display': 'none' } },
      { selector: 'node:selected, node.highlight', style: { 'border-width': 4, 'border-color': '#111', 'z-index': 10 } },
      { selector: '.faded', style: { 'opacity': 0.18 } },
      { selector: 'edge.highlight', style: { 'width': 3, 'opacity': 1 } }
    ];
    for (const t of legend.types) {
      const size = t.id === 'limitation' ? 36 : t.id === 'pillar' ? 30 : t.id === 'document' ? 16 : 22;
      style.push({ selector: 'node[type = "' + t.id + '"]', style: {
        'background-color': t.color, 'shape': t.shape, 'width': size, 'height': size } });
    }
    for (const r of legend.relations) {
      style.push({ selector: 'edge[relation = "' + r.id + '"]', style: big ? { 'line-color': r.color, 'line-style': r.lineStyle }
        : { 'line-color': r.color, 'target-arrow-color': r.color, 'line-style': r.lineStyle } });
    }
    return style;
  }

  /** A small coloured mark for legends, drawn as SVG (attributes, not inline styles). */
  function swatch(color, kind) {
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('width', '18'); svg.setAttribute('height', '12'); svg.setAttribute('aria-hidden', 'true');
    svg.setAttribute('class', 'swatch');
    let shape;
    if (kind === 'node') {
      shape = document.createElementNS(ns, 'rect');
      shape.setAttribute('x', '3'); shape.setAttribute('y', '1'); shape.setAttribute('width', '12'); shape.setAttribute('height', '10');
      shape.setAttribute('rx', '3'); shape.setAttribute('fill', color); shape.setAttribute('stroke', '#555');
    } else {
      shape = document.createElementNS(ns, 'line');
      shape.setAttribute('x1', '0'); shape.setAttribute('y1', '6'); shape.setAttribute('x2', '18'); shape.setAttribute('y2', '6');
      shape.setAttribute('stroke', color); shape.setAttribute('stroke-width', '3');
      if (kind === 'dashed') shape.setAttribute('stroke-dasharray', '5 3');
      if (kind === 'dotted') shape.setAttribute('stroke-dasharray', '2 2');
    }
    svg.append(shape);
    return svg;
  }

  function download(blob, name) {
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  return { BASE, href, el, problem, getJson, aboutQuery, editorLink, cyStyle, swatch, download };
})();
