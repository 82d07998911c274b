// dyad page: a filter bar drives five views (timeline, network, map, event list, evidence). Every
// view asks the server for an aggregate or one page; no view ever loads all events.
import './style.css';
import { get } from './api.js';
import { drawTimeline } from './timeline.js';
import { drawNetwork } from './network.js';
import { drawMap } from './map.js';

const PAGE = 50;
const MAP_LIMIT = 1000;
const $ = (id) => document.getElementById(id);
const form = $('filters');
let offset = 0;

function status(msg) { $('status').textContent = msg; }

// The filter as API parameters (EventFilter names, docs/api.md).
function filterParams() {
  const f = Object.fromEntries(new FormData(form).entries());
  const p = {};
  for (const k of ['source', 'target', 'actor', 'code', 'from', 'to', 'evidential', 'text']) {
    const v = (f[k] || '').trim();
    if (v) p[k] = k === 'source' || k === 'target' || k === 'actor' ? v.toUpperCase() : v;
  }
  if (p.source && p.target && f.either) p.either = 'true';
  return p;
}

function claimText(e) {
  let s = e.evidential;
  if (e.claimant) s += ` by ${e.claimant}`;
  if (e.credibility) s += ` [${e.credibility}]`;
  return s;
}

async function loadTimeline(p) {
  const canvas = $('timeline');
  if (!p.source || !p.target) {
    $('timeline-title').textContent = '';
    $('timeline-note').textContent = 'Pick a dyad (source and target) to see its timeline.';
    drawTimeline(canvas, []);
    return;
  }
  const { source, target, ...rest } = p;
  const s = await get(`/api/dyads/${encodeURIComponent(source)}/${encodeURIComponent(target)}/series`,
    { ...rest, interval: $('interval').value });
  $('timeline-title').textContent = `${source} ${p.either ? '↔' : '→'} ${target}`;
  const n = s.series.reduce((a, x) => a + x.events, 0);
  $('timeline-note').textContent = n ? `${n} events in ${s.series.length} ${s.interval}s` : 'No dated events for this dyad.';
  drawTimeline(canvas, s.series);
}

async function loadNetwork(p) {
  // The network shows the neighbourhood: the dyad's two actors are highlighted, not filtered on.
  const { source, target, either, ...rest } = p;
  const net = await get('/api/network', { ...rest, limit: 150 });
  $('network-note').textContent = `${net.nodes.length} actors, ${net.edges.length} heaviest edges`;
  drawNetwork($('network'), net, new Set([source, target].filter(Boolean)), (code) => {
    form.elements.actor.value = code;
    form.elements.source.value = '';
    form.elements.target.value = '';
    apply();
  });
}

async function loadMap(p) {
  const page = await get('/api/events', { ...p, limit: MAP_LIMIT });
  const n = drawMap($('map'), page.events, (e) => openEvent(e.id, e.doc));
  const shown = page.events.length < page.total ? ` (of the first ${page.events.length} of ${page.total} events)` : '';
  $('map-note').textContent = `${n} places${shown}`;
}

async function loadEvents(p) {
  const page = await get('/api/events', { ...p, limit: PAGE, offset });
  const body = $('events').tBodies[0];
  body.textContent = '';
  for (const e of page.events) {
    const tr = body.insertRow();
    tr.dataset.id = e.id;
    tr.tabIndex = 0;
    const cells = [e.date || '?', e.source.code || '-', `${e.code} ${e.plover}`, e.target.code || '-', claimText(e)];
    for (const c of cells) tr.insertCell().textContent = c;
    tr.title = e.sentence;
    tr.addEventListener('click', () => openEvent(e.id, e.doc));
    tr.addEventListener('keydown', (ev) => { if (ev.key === 'Enter') openEvent(e.id, e.doc); });
  }
  $('events-note').textContent = `${page.total} events`;
  $('page').textContent = page.total ? `${offset + 1}–${offset + page.events.length} of ${page.total}` : '';
  $('prev').disabled = offset === 0;
  $('next').disabled = offset + PAGE >= page.total;
}

function row(dl, label, value) {
  if (value === '' || value === null || value === undefined) return;
  const dt = document.createElement('dt');
  dt.textContent = label;
  const dd = document.createElement('dd');
  dd.textContent = value;
  dl.append(dt, dd);
}

async function openEvent(id, doc) {
  const e = await get(`/api/events/${id}`, { doc });
  for (const tr of $('events').tBodies[0].rows) tr.classList.toggle('selected', tr.dataset.id === String(id));
  const box = $('detail');
  box.textContent = '';
  box.dataset.event = String(e.id);
  const h = document.createElement('h3');
  h.textContent = `${e.source.code || '?'} — ${e.code} ${e.plover} — ${e.target.code || '?'}`;
  const dl = document.createElement('dl');
  row(dl, 'source', `${e.source.code} (${e.source.name})`);
  row(dl, 'target', `${e.target.code} (${e.target.name})`);
  row(dl, 'event', `${e.code} ${e.plover}, trigger “${e.trigger}”${e.negated ? ', negated' : ''}${e.modality ? `, ${e.modality}` : ''}`);
  row(dl, 'Goldstein', e.goldstein);
  row(dl, 'date', `${e.date || 'unknown'}${e.date_assumed ? ' (publication date assumed)' : ''}`);
  if (e.place) row(dl, 'place', `${e.place.name}${e.place.country ? `, ${e.place.country}` : ''}`);
  row(dl, 'claim status', e.evidential);
  row(dl, 'claimant', e.claimant);
  row(dl, 'credibility', e.credibility);
  row(dl, 'outlet', e.outlet);
  row(dl, 'article', `${e.title}${e.published ? ` (${e.published})` : ''}`);
  if (e.mentions > 1) row(dl, 'reported', `${e.mentions} mentions in ${e.sources} outlet(s)`);
  box.append(h, dl);
  if (e.url) {
    const a = document.createElement('a');
    a.href = e.url;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    a.textContent = e.url;
    box.append(a);
  }
  // The clean article text with the evidence sentence marked; text nodes only, never HTML.
  const text = document.createElement('div');
  text.className = 'doctext';
  text.id = 'doctext';
  if (e.evidence) {
    const mark = document.createElement('mark');
    mark.id = 'evidence';
    mark.textContent = e.evidence.sentence;
    text.append(document.createTextNode(e.evidence.before), mark, document.createTextNode(e.evidence.after));
  } else {
    text.textContent = e.sentence;
  }
  box.append(text);
  const mark = document.getElementById('evidence');
  if (mark) text.scrollTop = Math.max(0, mark.offsetTop - text.offsetTop - 40);
  box.dataset.sentence = e.sentence;
}

async function apply() {
  const p = filterParams();
  offset = 0;
  status('loading…');
  document.body.dataset.ready = '0';
  try {
    await Promise.all([loadTimeline(p), loadNetwork(p), loadMap(p), loadEvents(p)]);
    status('');
  } catch (err) {
    status(`error: ${err.message}`);
  }
  document.body.dataset.ready = '1';
}

async function page(delta) {
  offset = Math.max(0, offset + delta);
  try { await loadEvents(filterParams()); } catch (err) { status(`error: ${err.message}`); }
}

async function start() {
  form.addEventListener('submit', (ev) => { ev.preventDefault(); apply(); });
  $('interval').addEventListener('change', () => loadTimeline(filterParams()).catch((err) => status(`error: ${err.message}`)));
  $('prev').addEventListener('click', () => page(-PAGE));
  $('next').addEventListener('click', () => page(PAGE));
  try {
    const s = await get('/api/summary');
    $('summary').textContent = `${s.documents} documents, ${s.events} events, ${s.actors} actors. Top dyads:`;
    const chips = $('dyads');
    for (const d of s.top_dyads.slice(0, 8)) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = `${d.source}–${d.target} (${d.events})`;
      b.addEventListener('click', () => {
        form.elements.source.value = d.source;
        form.elements.target.value = d.target;
        form.elements.actor.value = '';
        apply();
      });
      chips.append(b);
    }
  } catch (err) {
    status(`error: ${err.message}`);
  }
  await apply();
}

start();
