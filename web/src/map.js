// Map: event places as dots on a bundled world outline (Natural Earth 1:110m via world-atlas);
// no tile server. Dots are aggregated per place, sized by the number of events.
import { geoNaturalEarth1, geoPath, geoGraticule10 } from 'd3-geo';
import { feature } from 'topojson-client';
import world from 'world-atlas/countries-110m.json';

const SVG = 'http://www.w3.org/2000/svg';
const countries = feature(world, world.objects.countries);

function el(name, attrs, parent) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  parent.appendChild(e);
  return e;
}

export function drawMap(container, events, onPick) {
  const width = 640, height = 330;
  container.textContent = '';
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'Event places' }, container);
  const projection = geoNaturalEarth1().fitSize([width, height], { type: 'Sphere' });
  const path = geoPath(projection);
  el('path', { d: path({ type: 'Sphere' }), class: 'sphere' }, svg);
  el('path', { d: path(geoGraticule10()), class: 'graticule' }, svg);
  const land = el('g', { class: 'land' }, svg);
  for (const f of countries.features) el('path', { d: path(f) }, land);

  const places = new Map();
  for (const e of events) {
    if (!e.place || (e.place.lat === 0 && e.place.lon === 0)) continue;
    const key = `${e.place.name}|${e.place.lat}|${e.place.lon}`;
    const p = places.get(key) || { name: e.place.name, lat: e.place.lat, lon: e.place.lon, events: [] };
    p.events.push(e);
    places.set(key, p);
  }
  const dots = el('g', { class: 'dots' }, svg);
  for (const p of places.values()) {
    const xy = projection([p.lon, p.lat]);
    if (!xy) continue;
    const c = el('circle', { cx: xy[0], cy: xy[1], r: 3 + 2.5 * Math.sqrt(p.events.length), class: 'dot' }, dots);
    el('title', {}, c).textContent = `${p.name}: ${p.events.length} event(s)`;
    c.addEventListener('click', () => onPick(p.events[0]));
  }
  container.dataset.places = String(places.size);
  return places.size;
}
