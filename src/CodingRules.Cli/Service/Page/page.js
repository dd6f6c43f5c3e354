// The auditors' page: a thin client of the service's own API (/v1/status, /v1/versions, /v1/corpora, /v1/diff,
// /v1/evaluate). No framework and no build step; every text from the server is put in the page as text, never as HTML.
'use strict';

const state = { versions: [], byId: new Map(), diff: null, upload: null, uploadLines: null };
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

class ApiError extends Error {
  constructor(problem) {
    const lines = [problem.title || 'Request failed', problem.detail].filter(Boolean);
    for (const d of problem.diagnostics || []) lines.push(`${d.path}:${d.line}:${d.column}: ${d.severity} ${d.id}: ${d.message}`);
    super(lines.join('\n'));
    this.problem = problem;
  }
}

async function api(path, options) {
  const response = await fetch(path, options);
  if (!response.ok && response.status !== 422) {
    let problem;
    try { problem = await response.json(); } catch { problem = { title: `HTTP ${response.status}` }; }
    throw new ApiError(problem);
  }
  return response;
}

// --- status ----------------------------------------------------------------------------------------------------------

async function loadStatus() {
  const status = await (await api('/v1/status')).json();
  const box = $('status');
  box.replaceChildren(`revision ${status.revision} · ${status.ruleSets} rule set versions · loaded ${new Date(status.loadedAt).toLocaleString()}`);
  box.classList.toggle('failed', !!status.lastFailure);
  if (status.lastFailure) {
    const d = status.lastFailure.diagnostics;
    box.append(el('div', { text: `the last reload failed (${d.length} diagnostics; the catalog above stays in force): ${d.slice(0, 3).map(x => `${x.path}:${x.line} ${x.id} ${x.message}`).join('; ')}` }));
  }
}

// --- versions and the timeline ---------------------------------------------------------------------------------------

async function loadVersions() {
  state.versions = await (await api('/v1/versions')).json();
  state.byId = new Map();
  for (const v of state.versions) {
    if (!state.byId.has(v.id)) state.byId.set(v.id, []);
    state.byId.get(v.id).push(v);
  }
  const select = $('ruleSet');
  const keep = select.value;
  select.replaceChildren(...[...state.byId.keys()].sort().map(id => el('option', { value: id, text: `${id} (${state.byId.get(id).length})` })));
  if (keep && state.byId.has(keep)) select.value = keep;
  else {
    const several = [...state.byId.keys()].sort().find(id => state.byId.get(id).length > 1);
    if (several) select.value = several;
  }
  const use = $('evalUse');
  use.replaceChildren(use.options[0], ...state.versions.map(v => el('option', { value: `${v.id}@${v.version}`, text: `${v.id}@${v.version}, on every date` })));
  showRuleSet();
}

function versionsOf(id) {
  return (state.byId.get(id) || []).slice().sort((a, b) => a.from.localeCompare(b.from));
}

function showRuleSet() {
  const id = $('ruleSet').value;
  const versions = versionsOf(id);
  for (const name of ['before', 'after']) {
    $(name).replaceChildren(...versions.map(v => el('option', { value: `${v.id}@${v.version}`, text: `${v.version} (${v.from} – ${v.until || 'open'})` })));
  }
  if (versions.length > 1) {
    $('before').value = `${id}@${versions[versions.length - 2].version}`;
    $('after').value = `${id}@${versions[versions.length - 1].version}`;
  }
  if (versions.length) {
    $('date1').value = versions[0].from;
    $('date2').value = versions[versions.length - 1].from;
  }
  renderTimeline();
}

function renderTimeline() {
  const versions = versionsOf($('ruleSet').value);
  const box = $('timeline');
  if (!versions.length) { box.replaceChildren('no versions'); return; }
  const day = (s) => Date.parse(`${s}T00:00:00Z`);
  const today = new Date().toISOString().slice(0, 10);
  const start = day(versions[0].from);
  const lastUntil = versions.map(v => v.until || today).sort().pop();
  const end = Math.max(day(lastUntil), day(today)) + 365 * 864e5;
  const span = Math.max(end - start, 864e5);
  const before = $('before').value, after = $('after').value;
  box.replaceChildren(...versions.map(v => {
    const from = day(v.from), until = v.until ? day(v.until) + 864e5 : end;
    const name = `${v.id}@${v.version}`;
    const bar = el('div', {
      class: `bar${name === before ? ' before' : ''}${name === after ? ' after' : ''}`,
      title: `${name}: in force ${v.from} – ${v.until || 'open'}; ${v.file}; sha256 ${v.sha256}${v.extends ? '; extends ' + v.extends : ''}. Click: compare from here; shift+click: compare to here.`,
      text: `${v.from} – ${v.until || '…'}`,
      onclick: (e) => { $(e.shiftKey ? 'after' : 'before').value = name; renderTimeline(); },
    });
    bar.style.left = `${((from - start) / span) * 100}%`;
    bar.style.width = `${Math.max(((until - from) / span) * 100, 1)}%`;
    return el('div', { class: 'version', 'data-testid': 'timeline-version' }, el('span', { class: 'label', text: v.version }), el('div', { class: 'track' }, bar));
  }));
}

// --- corpora ---------------------------------------------------------------------------------------------------------

async function loadCorpora() {
  const corpora = await (await api('/v1/corpora')).json();
  const select = $('corpus');
  select.replaceChildren(select.options[0], ...corpora.map(c => el('option', { value: c.name, text: `${c.name} (${Math.ceil(c.bytes / 1024)} KiB)` })));
}

// --- the diff --------------------------------------------------------------------------------------------------------

async function runDiff(event) {
  event.preventDefault();
  const button = event.submitter || document.querySelector('[data-testid="run-diff"]');
  const message = $('diffMessage');
  message.className = 'message';
  message.textContent = 'comparing…';
  button.disabled = true;
  try {
    const byDates = document.querySelector('input[name="by"]:checked').value === 'dates';
    const ruleSet = $('ruleSet').value;
    const sides = byDates
      ? { ruleSet, dates: [$('date1').value, $('date2').value] }
      : { before: $('before').value, after: $('after').value };
    const allDates = $('allDates').checked;
    const file = $('upload').files[0];
    let response;
    if (file) {
      const query = new URLSearchParams(byDates ? [['ruleSet', ruleSet], ['dates', sides.dates[0]], ['dates', sides.dates[1]]] : [['before', sides.before], ['after', sides.after]]);
      if (allDates) query.set('allDates', 'true');
      response = await api(`/v1/diff?${query}`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: file });
      state.upload = file;
      state.uploadLines = null;
    } else {
      const corpus = $('corpus').value || undefined;
      response = await api('/v1/diff', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...sides, corpus, allDates }) });
      state.upload = null;
    }
    const diff = await response.json();
    state.diff = { ...diff, before: response.headers.get('CodingRules-Before'), after: response.headers.get('CodingRules-After'), corpus: file ? null : $('corpus').value, revision: response.headers.get('CodingRules-Revision') };
    renderDiff();
    message.textContent = '';
  } catch (e) {
    message.className = 'message error';
    message.textContent = e.message;
  } finally {
    button.disabled = false;
  }
}

function renderDiff() {
  const d = state.diff;
  $('diffResult').hidden = false;
  $('diffTitle').textContent = `${d.before} → ${d.after}: ${d.summary.changed} changed, ${d.summary.added} added, ${d.summary.removed} removed`;
  $('beforeHead').textContent = `Before (${d.before})`;
  $('afterHead').textContent = `After (${d.after})`;
  const body = document.querySelector('table.diff tbody');
  body.replaceChildren(...(d.changes.length ? d.changes.map(changeRow) : [el('tr', {}, el('td', { colspan: 3, text: 'the two versions are the same' }))]));
  renderImpact();
}

function changeRow(c) {
  const [left, right] = wordDiff(c.before, c.after);
  return el('tr', { 'data-testid': 'change' },
    el('td', {}, el('span', { class: `kind ${c.kind}`, text: c.kind }), `${c.area}: ${c.item}`, el('div', { class: 'loc', text: c.summary })),
    el('td', { class: 'text' }, locationOf(c.beforeLocation), left),
    el('td', { class: 'text' }, locationOf(c.afterLocation), right));
}

function locationOf(l) {
  return l ? el('span', { class: 'loc', 'data-testid': 'location', text: `${l.path}:${l.line}:${l.column}` }) : null;
}

// A word-level difference of two texts, each side with what the other lacks marked; plain text past a size bound.
function wordDiff(a, b) {
  if (a == null || b == null) return [a ?? '', b ?? ''];
  const split = (s) => s.split(/(\s+|[()[\]{},:;"=<>!])/).filter(t => t !== '');
  const x = split(a), y = split(b);
  if (x.length * y.length > 4e6) return [a, b];
  const m = x.length, n = y.length;
  const lcs = Array.from({ length: m + 1 }, () => new Uint32Array(n + 1));
  for (let i = m - 1; i >= 0; i--) for (let j = n - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const left = [], right = [];
  let i = 0, j = 0;
  while (i < m || j < n) {
    if (i < m && j < n && x[i] === y[j]) { left.push(x[i]); right.push(y[j]); i++; j++; }
    else if (j < n && (i === m || lcs[i][j + 1] >= lcs[i + 1][j])) right.push(el('ins', { text: y[j++] }));
    else left.push(el('del', { text: x[i++] }));
  }
  return [el('span', {}, left), el('span', {}, right)];
}

// --- the impact ------------------------------------------------------------------------------------------------------

const MaxShown = 200;

function renderImpact() {
  const impact = state.diff.impact;
  $('impact').hidden = !impact;
  if (!impact) return;
  const periods = impact.changedPeriods.map(p => `${p.from} – ${p.until || 'open'}`).join(', ') || 'none';
  $('impactTotals').textContent = `${impact.encountersRead} encounters read, ${impact.changed} changed, ${impact.skipped} skipped (invalid), ${impact.notReplayed} not replayed (dated outside the periods that differ: ${impact.allDates ? 'every date replayed' : periods}).`;
  const counts = (id, rows) => document.querySelector(`#${id} tbody`).replaceChildren(...(rows.length ? rows.map(r => el('tr', {}, el('td', { text: r.key }), el('td', { text: r.encounters }), el('td', { text: r.before }), el('td', { text: r.after }))) : [el('tr', {}, el('td', { colspan: 4, text: 'none' }))]));
  counts('byCode', impact.byCode);
  counts('byFinding', impact.byFinding);
  $('changedNote').textContent = impact.encounters.length > MaxShown ? `the first ${MaxShown} of ${impact.encounters.length}` : '';
  $('changed').replaceChildren(...impact.encounters.slice(0, MaxShown).map(changedItem));
}

const lineText = (l) => `${l.code}${l.modifiers.length ? '-' + l.modifiers.join('-') : ''} ×${l.units}`;

function changedItem(e) {
  const summary = el('summary', {}, `record ${e.record} (line ${e.line}) · ${e.encounterId} · ${e.dateOfService}${e.payer ? ' · ' + e.payer : ''}: `,
    el('del', { text: e.before.lines.map(lineText).join(', ') || 'no lines' }), ' → ', el('ins', { text: e.after.lines.map(lineText).join(', ') || 'no lines' }));
  const body = el('div', { class: 'sides' }, el('div', { class: 'message', text: 'loading…' }));
  const details = el('details', { 'data-testid': 'changed-encounter' }, summary, body);
  let loaded = false;
  details.addEventListener('toggle', () => {
    if (details.open && !loaded) {
      loaded = true;
      explainBoth(e, body).catch(err => body.replaceChildren(el('div', { class: 'message error', text: err.message })));
    }
  });
  return el('li', {}, details);
}

async function encounterText(e) {
  if (state.upload) {
    if (!state.uploadLines) state.uploadLines = (await state.upload.text()).split('\n');
    return state.uploadLines[e.line - 1];
  }
  return await (await api(`/v1/corpora/${encodeURIComponent(state.diff.corpus).replace(/%2F/g, '/')}?line=${e.line}`)).text();
}

async function explainBoth(e, box) {
  const text = await encounterText(e);
  const sides = [['before', state.diff.before], ['after', state.diff.after]];
  const results = await Promise.all(sides.map(async ([, use]) => (await api(`/v1/evaluate?explain=true&use=${encodeURIComponent(use)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text })).json()));
  box.replaceChildren(...sides.map(([name, use], i) => el('div', { class: 'side', 'data-testid': `side-${name}` }, el('h4', { text: `${name}: ${use}` }), resultView(results[i]))));
}

// --- a result and its explanation ------------------------------------------------------------------------------------

function resultView(r) {
  const parts = [];
  if (r.errors && r.errors.length) {
    parts.push(el('div', { class: 'message error', text: r.errors.map(x => `${x.path} ${x.id}: ${x.message}`).join('\n') }));
  }
  parts.push(el('div', { class: 'lines', 'data-testid': 'result-lines' }, ...(r.lines || []).map(l => el('div', { text: `${lineText(l)}${l.joints ? '  ' + l.joints.join(', ') : ''}${l.rule ? '  (' + l.rule + ')' : ''}` }))));
  if (!(r.lines || []).length && !(r.errors || []).length) parts.push(el('div', { class: 'lines', text: 'no claim lines' }));
  for (const f of r.findings || []) parts.push(el('div', { class: `finding ${f.severity}`, text: `${f.severity} ${f.id}: ${f.message}` }));
  if (r.ruleSets) parts.push(el('div', { class: 'loc', text: 'rule sets: ' + r.ruleSets.map(s => `${s.id}@${s.version}`).join(', ') }));
  if (r.explain) parts.push(el('details', { 'data-testid': 'trace' }, el('summary', { text: 'explanation' }), el('div', { class: 'trace' }, traceList(r.explain, 0))));
  return el('div', {}, parts);
}

function traceList(steps, depth) {
  return el('ul', {}, ...steps.map(s => {
    const label = el('span', { text: s.text });
    if (!s.steps || !s.steps.length || depth > 12) return el('li', { class: s.fired ? 'fired' : '' }, label);
    return el('li', { class: s.fired ? 'fired' : '' }, el('details', { open: depth < 1 }, el('summary', {}, label), traceList(s.steps, depth + 1)));
  }));
}

async function runEvaluate(event) {
  event.preventDefault();
  const box = $('evalResult');
  box.replaceChildren(el('div', { class: 'message', text: 'evaluating…' }));
  try {
    const use = $('evalUse').value;
    const response = await api(`/v1/evaluate?explain=true${use ? '&use=' + encodeURIComponent(use) : ''}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: $('encounter').value });
    box.replaceChildren(resultView(await response.json()));
  } catch (e) {
    box.replaceChildren(el('div', { class: 'message error', text: e.message }));
  }
}

// --- wiring ----------------------------------------------------------------------------------------------------------

function showTab(name) {
  for (const tab of document.querySelectorAll('.tab')) tab.setAttribute('aria-selected', String(tab.dataset.tab === name));
  for (const panel of document.querySelectorAll('.panel')) panel.hidden = panel.id !== name;
}

function init() {
  for (const tab of document.querySelectorAll('.tab')) tab.addEventListener('click', () => showTab(tab.dataset.tab));
  $('ruleSet').addEventListener('change', showRuleSet);
  $('before').addEventListener('change', renderTimeline);
  $('after').addEventListener('change', renderTimeline);
  for (const radio of document.querySelectorAll('input[name="by"]')) {
    radio.addEventListener('change', () => {
      const dates = document.querySelector('input[name="by"]:checked').value === 'dates';
      document.querySelector('.by-versions').hidden = dates;
      document.querySelector('.by-dates').hidden = !dates;
    });
  }
  $('diffForm').addEventListener('submit', runDiff);
  $('evalForm').addEventListener('submit', runEvaluate);
  $('encounter').placeholder = 'Paste one encounter as JSON (the shape of schemas/encounter.schema.json).';
  Promise.all([loadStatus(), loadVersions(), loadCorpora()])
    .then(() => document.body.setAttribute('data-ready', 'true'))
    .catch(e => { $('status').textContent = e.message; $('status').classList.add('failed'); });
  setInterval(() => loadStatus().catch(() => {}), 15000);
}

init();
