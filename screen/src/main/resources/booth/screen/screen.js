// The booth screen: draws the state the service pushes (Server-Sent Events on /events). All the
// judgement (what is up, what is silent, what the timeline says) is the service's; this only draws.
'use strict';

const SERVICE_SILENT_MS = 3000;
let lastMessage = 0;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

function number(x, digits) {
  return x === null || x === undefined ? '–' : x.toFixed(digits);
}

function drawCluster(dcs) {
  const root = document.getElementById('cluster');
  root.replaceChildren(...dcs.map(dc => el('div', { class: 'dc', 'data-dc': dc.dc },
    el('h3', {}, dc.dc),
    el('div', { class: 'racks' }, ...dc.racks.map(rack => el('div', { class: 'rack', 'data-rack': dc.dc + ':' + rack.rack },
      el('h4', {}, rack.rack),
      ...rack.nodes.map(n => {
        const beliefs = Object.entries(n.beliefs).map(([c, s]) => c + ': ' + s).join(', ');
        return el('div', {
          class: 'node ' + n.belief, 'data-address': n.address, 'data-name': n.name || '',
          'data-belief': n.belief, title: beliefs || 'no live client has a view'
        }, n.label.replace(/^\S+ \S+ /, ''),
        el('span', { class: 'marks' }, ...n.coordinated_for.map(c => el('span', { class: 'mark', 'data-coordinated': c }, '◆ ' + c + ' '))));
      })))))));
}

function drawClients(clients) {
  const root = document.getElementById('clients');
  root.replaceChildren(...clients.map(c => {
    const rows = c.screen || ['', ''];
    const h = c.health;
    return el('div', { class: 'client', 'data-client': c.client, 'data-silent': String(c.silent) },
      el('h3', {}, el('span', {}, c.client + (c.local_dc ? ' (' + c.local_dc + ')' : '')),
        el('span', { class: 'levels' }, 'write ' + (c.write_level || '–') + ' · read ' + (c.read_level || '–'))),
      el('div', { class: 'glass' },
        el('div', { class: 'lcd', 'data-backlight': c.backlight || '' },
          el('div', { class: 'row', 'data-row': '0' }, rows[0].padEnd(16)),
          el('div', { class: 'row', 'data-row': '1' }, rows[1].padEnd(16))),
        // what each write level survives now, from this client's own view: its level marked
        el('table', { class: 'predictions', title: 'what each write level survives now, in this client\'s driver\'s view' },
          ...c.predictions.map(p => el('tr', { 'data-level': p.level, 'data-current': String(p.level === c.write_level) },
            el('th', {}, p.level), el('td', {}, p.words))))),
      el('div', { class: 'silence' }, 'no events for ' + c.silent_s + ' s'),
      el('div', { class: 'strip', title: 'the last 60 outcomes' }, ...c.strip.map(k => el('span', { class: k, title: k }))),
      el('div', { class: 'figures' },
        el('span', {}, 'ok ', el('b', { 'data-figure': 'ok' }, String(c.ok))),
        el('span', {}, 'failed ', el('b', { 'data-figure': 'failed' }, String(c.failed))),
        el('span', {}, 'p50 ', el('b', {}, number(c.p50_ms, 1)), ' ms'),
        el('span', {}, 'p99 ', el('b', {}, number(c.p99_ms, 1)), ' ms')),
      el('div', { class: 'health' }, 'CPU ' + number(h.cpu_temp_c, 1) + ' °C · load ' + number(h.load, 2)
        + ' · events dropped ' + (h.events_dropped === null ? '–' : h.events_dropped)),
      // its writes are unaffected; its times (and so its place in the timeline) may be off
      h.clock === 'not_synchronised'
        ? el('div', { class: 'clock', 'data-clock': h.clock }, 'clock not synchronised: its times may be off') : '');
  }));
}

function drawTimeline(entries) {
  const shown = entries.slice(-7);
  document.getElementById('timeline').replaceChildren(...shown.map(e => el('li', {},
    el('span', { class: 'time' }, e.time), el('span', { class: 'offset' }, e.offset), el('span', { class: 'text' }, e.text))));
}

function drawStream(s) {
  const box = document.getElementById('stream');
  box.dataset.silent = String(s.silent);
  if (s.silent_s === null) {
    box.textContent = 'no events yet' + (s.missing_topics.length ? ' (waiting for ' + s.missing_topics.join(', ') + ')' : '');
  } else if (s.silent) {
    box.textContent = 'no events for ' + s.silent_s + ' s: is Kafka down?';
  } else {
    const lag = s.lag_p50_ms === null ? '' : s.lag_p50_ms < 1000 ? Math.round(s.lag_p50_ms) + ' ms' : (s.lag_p50_ms / 1000).toFixed(1) + ' s';
    box.textContent = 'live' + (lag ? ', ' + lag + ' behind the clients' : '')
      + (s.malformed ? ' · ' + s.malformed + ' events rejected' : '');
  }
}

function draw(state) {
  document.getElementById('clock').textContent = state.time;
  drawStream(state.stream);
  drawCluster(state.dcs);
  drawClients(state.clients);
  drawTimeline(state.timeline);
}

function watchService() {
  // the service itself gone (stopped, or the network): say so rather than show the last state as live
  if (Date.now() - lastMessage > SERVICE_SILENT_MS) {
    const box = document.getElementById('stream');
    box.dataset.silent = 'true';
    box.textContent = 'the screen service is not answering';
    document.querySelectorAll('.client').forEach(c => { c.dataset.silent = 'true'; });
  }
}

const events = new EventSource('events');
events.onmessage = m => {
  lastMessage = Date.now();
  draw(JSON.parse(m.data));
};
setInterval(watchService, 1000);
