'use strict';
/* Class diagram of the ontology page, from the page's JSON data block. */
(function () {
  const data = JSON.parse(document.getElementById('diagram-data').textContent);
  const cy = cytoscape({
    container: document.getElementById('class-diagram'),
    elements: data,
    style: [
      { selector: 'node', style: { 'shape': 'round-rectangle', 'label': 'data(label)', 'text-valign': 'center', 'font-size': 10,
        'width': 'label', 'height': 22, 'padding': 6, 'background-color': '#e8eef5', 'border-width': 1, 'border-color': '#5a6b7d', 'color': '#111' } },
      { selector: 'node[?own]', style: { 'background-color': '#2e86ab', 'color': '#fff' } },
      { selector: 'edge', style: { 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'width': 1.2, 'line-color': '#7a8794',
        'target-arrow-color': '#7a8794', 'label': 'data(label)', 'font-size': 8, 'text-rotation': 'autorotate', 'text-background-color': '#fff',
        'text-background-opacity': 0.8 } },
      { selector: 'edge[kind = "subclass"]', style: { 'line-style': 'dashed', 'target-arrow-shape': 'triangle-backcurve', 'label': '' } }
    ],
    layout: { name: 'breadthfirst', directed: true, spacingFactor: 1.1, padding: 10 },
    userZoomingEnabled: false
  });
  cy.on('tap', 'node', e => {
    const target = document.getElementById(e.target.data('label').replace(/[^A-Za-z0-9_-]/g, '-'));
    if (target) target.scrollIntoView();
  });
  window.alignkgOntology = cy;
})();
