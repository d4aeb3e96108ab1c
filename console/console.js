// The sync console: reads GET /api/status with the merchant key and draws it. The key lives in
// this tab's sessionStorage and travels only in the Authorization header, never in a URL or a
// cookie, so there is nothing for another site to forge a request with.
'use strict';

const KEY_ITEM = 'convertedin-feed.merchant-key';
const REFRESH_MS = 30_000;
const ENTITIES = ['orders', 'customers', 'products', 'categories'];

const $ = (id) => document.getElementById(id);
const number = new Intl.NumberFormat('en-US');
let timer;
let chart;

/** An element with text only: nothing the API returns is ever parsed as HTML. */
function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function ago(iso) {
  const seconds = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  if (seconds < 90) return `${Math.round(seconds)} s ago`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 172800) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} days ago`;
}

function showMessage(text) {
  $('message').textContent = text;
  $('message').hidden = text === '';
}

class HttpFailure extends Error {
  constructor(status, message, retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

async function api(path, method = 'GET') {
  const key = sessionStorage.getItem(KEY_ITEM);
  const res = await fetch(path, { method, headers: { Authorization: key ?? '' }, cache: 'no-store' });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new HttpFailure(res.status, body.message ?? `HTTP ${res.status}`, res.headers.get('Retry-After'));
  return body;
}

/** Polite words for what went wrong; a wrong key also forgets the key. */
function explain(error) {
  if (!(error instanceof HttpFailure)) return 'The service cannot be reached. The page tries again every 30 seconds.';
  if (error.status === 401) {
    forgetKey();
    return 'That key was not accepted. Check MERCHANT_API_KEY and enter it again.';
  }
  if (error.status === 429)
    return `Too many wrong keys from this address. Try again in ${error.retryAfter ?? 'a few'} s.`;
  if (error.status === 503) return 'The database is unavailable right now. The page tries again every 30 seconds.';
  return `The service answered ${error.status}: ${error.message}`;
}

function crawlLine(entity, s) {
  const done = s.last_finished_crawl;
  if (!done) return 'No full crawl yet.';
  return `Last full crawl finished ${ago(done.finished_at)} in ${number.format(Math.round(done.duration_seconds))} s, ${number.format(done.pages_served)} pages.`;
}

function card(entity, s, staleHours) {
  const node = el('article', undefined, 'card');
  node.dataset.entity = entity;
  node.append(el('h3', entity));
  node.append(el('p', `${entity}: ${number.format(s.records)} records`, 'records'));
  node.append(el('p', crawlLine(entity, s), 'crawl'));
  const last = s.last_crawl;
  if (last && last.state === 'running') {
    node.append(
      el('p', `Crawl running: ${number.format(last.pages_served)} of ${number.format(last.last_page)} pages.`),
    );
  }
  if (s.failing) {
    const r = last.refused;
    const parts = Object.entries(r)
      .filter(([, n]) => n > 0)
      .map(([code, n]) => `${number.format(n)} × ${code}`);
    const hint = r[401] > 0 ? ' A wrong token? Compare CONVERTEDIN_TOKEN with what convertedin was given.' : '';
    node.append(el('p', `Failing: the latest crawl was refused (${parts.join(', ')}).${hint}`, 'failing'));
  } else if (s.stale) {
    node.append(el('p', `Stale: no crawl has finished in the last ${staleHours} h.`, 'warning'));
  } else {
    node.append(el('p', 'Up to date.', 'ok'));
  }
  node.append(el('p', s.last_change_at ? `Last change ${ago(s.last_change_at)}.` : 'No records pushed yet.', 'hint'));
  return node;
}

function drawChart(status) {
  const hours = status.feed.hours.map((iso) => Date.parse(iso) / 1000);
  const sum = (series) => hours.map((_, i) => ENTITIES.reduce((total, e) => total + series[e][i], 0));
  const data = [hours, sum(status.feed.pages), sum(status.ingestion.accepted), sum(status.ingestion.rejected)];
  const box = $('chart');
  chart?.destroy();
  box.textContent = '';
  const total = (i) => data[i].reduce((a, b) => a + b, 0);
  $('activity-summary').textContent =
    `48 h: ${number.format(total(1))} feed pages served, ${number.format(total(2))} documents accepted, ${number.format(total(3))} rejected.`;
  if (typeof uPlot !== 'function') return;
  chart = new uPlot(
    {
      width: Math.max(260, box.clientWidth),
      height: 220,
      series: [
        {},
        { label: 'Feed pages', stroke: '#0b5cad', width: 2 },
        { label: 'Documents accepted', stroke: '#14612c', width: 2 },
        { label: 'Documents rejected', stroke: '#8a1414', width: 2 },
      ],
    },
    data,
    box,
  );
}

function fact(list, term, value) {
  list.append(el('dt', term), el('dd', value));
}

function drawWebhooks(status) {
  const box = $('webhooks');
  box.textContent = '';
  const w = status.webhooks;
  if (!w) {
    box.append(el('p', 'Webhooks are off: CONVERTEDIN_WEBHOOK_URL is not set.'));
    $('dead-block').hidden = true;
    return;
  }
  if (w.paused) {
    const why = w.pause_reason ? ` (${w.pause_reason})` : '';
    box.append(
      el(
        'p',
        `Delivery is paused${why}. Events keep queuing; a successful retry or POST /api/webhooks/resume resumes it.`,
        'warning',
      ),
    );
  }
  const list = el('dl', undefined, 'facts');
  fact(list, 'Target', w.target);
  fact(list, 'Pending', number.format(w.pending));
  fact(list, 'Dead', number.format(w.dead));
  fact(list, 'Oldest pending', w.oldest_pending_seconds === null ? '–' : `${Math.round(w.oldest_pending_seconds)} s`);
  const d = w.last_delivery;
  fact(list, 'Last delivery', d ? `${d.topic}, HTTP ${d.last_status ?? '–'}, ${ago(d.delivered_at)}` : 'none yet');
  const f = w.last_failure;
  if (f) fact(list, 'Last failure', `${f.topic} (${f.status}): ${f.last_error}`);
  fact(list, 'By topic', w.by_topic.map((t) => `${t.topic}: ${t.delivered}/${t.pending}/${t.dead}`).join('; ') || '–');
  box.append(list, el('p', 'By topic: delivered/pending/dead.', 'hint'));
  $('dead-block').hidden = w.dead === 0;
}

async function retry(id) {
  await api(`/api/webhooks/deliveries/${encodeURIComponent(id)}/retry`, 'POST');
}

async function drawDead(status) {
  const body = /** @type {HTMLTableElement} */ ($('dead')).tBodies[0];
  if (!status.webhooks || status.webhooks.dead === 0) {
    body.textContent = '';
    return;
  }
  const events = await api('/api/webhooks/deliveries?status=dead&limit=50');
  body.textContent = '';
  for (const event of events) {
    const row = el('tr');
    row.dataset.event = event.id;
    const cells = [
      ['Topic', event.topic],
      ['Record', String(event.entity_id)],
      ['Attempts', String(event.attempts)],
      ['Last error', event.last_error ?? `HTTP ${event.last_status}`],
    ];
    for (const [label, text] of cells) {
      const cell = el('td', text);
      cell.dataset.label = label;
      row.append(cell);
    }
    const button = el('button', 'Retry', 'secondary');
    button.type = 'button';
    button.setAttribute('aria-label', `Retry ${event.topic} ${event.entity_id}`);
    button.addEventListener('click', () =>
      act(async () => {
        await retry(event.id);
        return `Queued ${event.topic} ${event.entity_id} again.`;
      }),
    );
    const cell = el('td');
    cell.append(button);
    row.append(cell);
    body.append(row);
  }
}

/** Runs a webhook action, says how it went, and refreshes. */
async function act(work) {
  try {
    $('retry-message').textContent = await work();
  } catch (error) {
    $('retry-message').textContent = explain(error);
  }
  await refresh();
}

/** Every dead event in one call: the server requeues them in one statement and says how many. */
async function retryAllDead() {
  const { retried } = await api('/api/webhooks/deliveries/retry?status=dead', 'POST');
  return retried;
}

function drawStore(status) {
  const list = $('store');
  list.textContent = '';
  const store = status.store;
  fact(
    list,
    'Store',
    store ? `${store.name} (${store.currency}, ${store.country})` : 'not pushed yet (PUT /api/store)',
  );
  if (store) fact(list, 'Email', store.email);
  const s = status.settings;
  fact(list, 'Time zone', s.time_zone);
  fact(list, 'per_page cap', number.format(s.feed_max_per_page));
  fact(list, 'Webhooks', s.webhooks_enabled ? 'on' : 'off');
  fact(list, 'Crawl tracking', s.crawl_tracking ? 'on' : 'off');
  fact(list, 'Stale after', `${s.stale_after_hours} h`);
  const v = status.service;
  fact(list, 'Service', `${v.version}, up ${Math.round(v.uptime_seconds / 60)} min, ${v.database}`);
  const m = v.migrations;
  fact(list, 'Migrations', `${m.applied} applied${m.pending.length ? `, pending: ${m.pending.join(', ')}` : ''}`);
}

async function refresh() {
  clearTimeout(timer);
  if (!sessionStorage.getItem(KEY_ITEM)) return;
  try {
    const status = await api('/api/status');
    showMessage('');
    $('status').hidden = false;
    const cards = $('cards');
    cards.textContent = '';
    for (const entity of ENTITIES)
      cards.append(card(entity, status.entities[entity], status.settings.stale_after_hours));
    drawWebhooks(status);
    drawStore(status);
    drawChart(status);
    await drawDead(status);
    $('updated').textContent = `Updated ${new Date(status.generated_at).toLocaleTimeString()}; refreshes every 30 s.`;
  } catch (error) {
    showMessage(explain(error));
  }
  if (sessionStorage.getItem(KEY_ITEM)) timer = setTimeout(refresh, REFRESH_MS);
}

function forgetKey() {
  sessionStorage.removeItem(KEY_ITEM);
  clearTimeout(timer);
  $('status').hidden = true;
  $('forget').hidden = true;
}

$('key-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = /** @type {HTMLInputElement} */ ($('key'));
  const key = input.value.trim();
  if (!key) return;
  sessionStorage.setItem(KEY_ITEM, key);
  input.value = '';
  $('forget').hidden = false;
  void refresh();
});

$('forget').addEventListener('click', () => {
  forgetKey();
  showMessage('');
});

$('retry-all').addEventListener('click', () => {
  void act(async () => `Queued ${number.format(await retryAllDead())} dead events again.`);
});

if (sessionStorage.getItem(KEY_ITEM)) {
  $('forget').hidden = false;
  void refresh();
}
