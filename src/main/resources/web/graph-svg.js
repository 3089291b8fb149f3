'use strict';
/* SVG export of a Cytoscape.js view, written from the element positions and computed styles. */
window.AKGSvg = (function () {
  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  function num(v) { return Math.round(v * 10) / 10; }

  function polygon(cx, cy, w, h, points) {
    return points.map(([x, y]) => num(cx + x * w / 2) + ',' + num(cy + y * h / 2)).join(' ');
  }

  function nodeShape(n) {
    const p = n.position();
    const w = n.width();
    const h = n.height();
    const fill = n.style('background-color');
    const stroke = n.style('border-color');
    const sw = parseFloat(n.style('border-width')) || 0;
    const common = ' fill="' + esc(fill) + '" stroke="' + esc(stroke) + '" stroke-width="' + sw + '"';
    switch (n.style('shape')) {
      case 'rectangle': case 'tag':
        return '<rect x="' + num(p.x - w / 2) + '" y="' + num(p.y - h / 2) + '" width="' + num(w) + '" height="' + num(h) + '"' + common + '/>';
      case 'round-rectangle': case 'roundrectangle':
        return '<rect x="' + num(p.x - w / 2) + '" y="' + num(p.y - h / 2) + '" width="' + num(w) + '" height="' + num(h) + '" rx="' + num(Math.min(w, h) / 4) + '"' + common + '/>';
      case 'hexagon':
        return '<polygon points="' + polygon(p.x, p.y, w, h, [[-1, 0], [-0.5, -1], [0.5, -1], [1, 0], [0.5, 1], [-0.5, 1]]) + '"' + common + '/>';
      case 'diamond':
        return '<polygon points="' + polygon(p.x, p.y, w, h, [[0, -1], [1, 0], [0, 1], [-1, 0]]) + '"' + common + '/>';
      default:
        return '<ellipse cx="' + num(p.x) + '" cy="' + num(p.y) + '" rx="' + num(w / 2) + '" ry="' + num(h / 2) + '"' + common + '/>';
    }
  }

  /** Splits a label as Cytoscape's text-max-width would, roughly (by characters). */
  function lines(label, maxChars) {
    const out = [];
    let line = '';
    for (const word of String(label).split(/\s+/)) {
      if (line && (line + ' ' + word).length > maxChars) { out.push(line); line = word; }
      else line = line ? line + ' ' + word : word;
    }
    if (line) out.push(line);
    return out;
  }

  function svgOf(cy) {
    const eles = cy.elements(':visible');
    const bb = eles.boundingBox({ includeLabels: true });
    const pad = 20;
    const w = Math.max(1, bb.w + 2 * pad);
    const h = Math.max(1, bb.h + 2 * pad);
    const colors = new Set();
    cy.edges(':visible').forEach(e => colors.add(e.style('line-color')));
    const markerId = new Map([...colors].map((c, i) => [c, 'arrow' + i]));
    const out = [];
    out.push('<?xml version="1.0" encoding="UTF-8"?>');
    out.push('<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="' + num(w) + '" height="' + num(h) +
      '" viewBox="' + num(bb.x1 - pad) + ' ' + num(bb.y1 - pad) + ' ' + num(w) + ' ' + num(h) + '" font-family="Helvetica, Arial, sans-serif">');
    out.push('<title>alignkg graph</title>');
    out.push('<defs>');
    for (const [c, id] of markerId)
      out.push('<marker id="' + id + '" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">' +
        '<path d="M 0 0 L 10 5 L 0 10 z" fill="' + esc(c) + '"/></marker>');
    out.push('</defs>');
    out.push('<rect x="' + num(bb.x1 - pad) + '" y="' + num(bb.y1 - pad) + '" width="' + num(w) + '" height="' + num(h) + '" fill="#ffffff"/>');
    out.push('<g class="edges">');
    cy.edges(':visible').forEach(e => {
      const s = e.sourceEndpoint();
      const t = e.targetEndpoint();
      const color = e.style('line-color');
      const dash = e.style('line-style') === 'dashed' ? ' stroke-dasharray="6 4"' : e.style('line-style') === 'dotted' ? ' stroke-dasharray="2 3"' : '';
      const arrow = e.style('target-arrow-shape') !== 'none' ? ' marker-end="url(#' + markerId.get(color) + ')"' : '';
      out.push('<line x1="' + num(s.x) + '" y1="' + num(s.y) + '" x2="' + num(t.x) + '" y2="' + num(t.y) + '" stroke="' + esc(color) +
        '" stroke-width="' + (parseFloat(e.style('width')) || 1) + '" stroke-opacity="' + e.style('opacity') + '"' + dash + arrow +
        '><title>' + esc(e.source().data('label') + ' ' + e.data('label') + ' ' + e.target().data('label')) + '</title></line>');
    });
    out.push('</g>');
    out.push('<g class="nodes">');
    cy.nodes(':visible').forEach(n => {
      const p = n.position();
      out.push('<g class="node ' + esc(n.data('type')) + '"' + (n.style('opacity') < 1 ? ' opacity="' + n.style('opacity') + '"' : '') + '>');
      out.push('<title>' + esc(n.data('label')) + '</title>');
      out.push(nodeShape(n));
      if (n.style('label')) {
        const fs = parseFloat(n.style('font-size')) || 9;
        const ls = lines(n.data('label'), 24);
        ls.forEach((line, i) => out.push('<text x="' + num(p.x) + '" y="' + num(p.y + n.height() / 2 + 3 + fs * (i + 1)) +
          '" font-size="' + fs + '" text-anchor="middle" fill="#222">' + esc(line) + '</text>'));
      }
      out.push('</g>');
    });
    out.push('</g>');
    out.push('</svg>');
    return out.join('\n') + '\n';
  }

  return { svgOf };
})();
