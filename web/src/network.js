// Actor network: nodes are actor codes sized by activity, edges directed and coloured by the mean
// Goldstein score (red conflict, green cooperation). Clicking a node filters by that actor.
import cytoscape from 'cytoscape';

let cy = null;

function goldsteinColor(g) {
  if (g <= -1) return '#cc0000';
  if (g >= 1) return '#38761d';
  return '#888888';
}

export function drawNetwork(container, data, highlight, onPick) {
  const maxNode = Math.max(1, ...data.nodes.map((n) => n.events));
  const maxEdge = Math.max(1, ...data.edges.map((e) => e.events));
  const elements = [
    ...data.nodes.map((n) => ({
      data: { id: n.code, label: n.code, size: 14 + 36 * Math.sqrt(n.events / maxNode), hi: highlight.has(n.code) ? 1 : 0 },
    })),
    ...data.edges.map((e, i) => ({
      data: {
        id: `e${i}`, source: e.source, target: e.target, events: e.events,
        width: 1 + 6 * (e.events / maxEdge), color: goldsteinColor(e.goldstein_mean),
      },
    })),
  ];
  if (cy) cy.destroy();
  cy = cytoscape({
    container, elements, wheelSensitivity: 0.3,
    layout: { name: elements.length > 400 ? 'circle' : 'cose', animate: false, randomize: false, nodeRepulsion: 9000 },
    style: [
      { selector: 'node', style: { label: 'data(label)', width: 'data(size)', height: 'data(size)', 'background-color': '#4a6fa5', 'font-size': 10, color: '#222' } },
      { selector: 'node[hi = 1]', style: { 'background-color': '#f1c232', 'border-width': 2, 'border-color': '#7f6000' } },
      { selector: 'edge', style: { width: 'data(width)', 'line-color': 'data(color)', 'target-arrow-color': 'data(color)', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', opacity: 0.75 } },
    ],
  });
  cy.on('tap', 'node', (ev) => onPick(ev.target.id()));
  container.dataset.nodes = String(data.nodes.length);
  container.dataset.edges = String(data.edges.length);
}
