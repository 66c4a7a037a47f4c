// The ImagePipeline console: plain JavaScript, no build step, no outside resources. It talks to
// the same /v1 API as every client, with the API key kept in sessionStorage.
const KEY = 'pipeline.key';
const main = document.getElementById('main');
const FINISHED = ['succeeded', 'partial', 'failed'];
let templates = null;

// ---- small helpers ------------------------------------------------------------------------

function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'text') element.textContent = value;
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

let uid = 0;
const nextId = (prefix) => `${prefix}-${++uid}`;

function labelled(text, control) {
  control.id = control.id || nextId('field');
  return h('label', { for: control.id }, text, control);
}

function toast(text) {
  const box = document.getElementById('toast');
  box.textContent = text;
  box.classList.add('show');
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => box.classList.remove('show'), 3000);
}

class APIError extends Error {
  constructor(status, body) {
    const detail = (body && body.error) || {};
    super(detail.message || `the server answered ${status}`);
    this.status = status;
    this.code = detail.code || 'ERROR';
    this.issues = detail.issues || [];
  }
}

async function api(method, path, body, { form = false, blob = false } = {}) {
  const headers = { Authorization: `Bearer ${sessionStorage.getItem(KEY) || ''}` };
  let payload;
  if (form) payload = body;
  else if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
  const response = await fetch(path, { method, headers, body: payload });
  if (response.status === 401 && path !== '/v1/account') { sessionStorage.removeItem(KEY); render(); }
  if (!response.ok) {
    let parsed = null;
    try { parsed = await response.json(); } catch { parsed = null; }
    throw new APIError(response.status, parsed);
  }
  if (blob) return response.blob();
  if (response.status === 204) return null;
  return response.json();
}

/// An error in words: its message, its code, and each issue with its path.
function errorBox(error) {
  const box = h('div', { class: 'error', role: 'alert' }, h('p', { text: `${error.message} (${error.code || 'error'})` }));
  if (error.issues && error.issues.length) {
    box.append(h('ul', {}, error.issues.map((issue) => h('li', { text: `${issue.path || 'document'}: ${issue.message}` }))));
  }
  return box;
}

const when = (date) => (date ? new Date(date).toLocaleString() : '—');
const bytes = (count) => (count >= 1048576 ? `${(count / 1048576).toFixed(1)} MB` : count >= 1024 ? `${Math.round(count / 1024)} KB` : `${count} B`);

// ---- routing ----------------------------------------------------------------------------------

async function render() {
  const signedIn = Boolean(sessionStorage.getItem(KEY));
  document.getElementById('nav').hidden = !signedIn;
  main.replaceChildren();
  if (!signedIn) return signIn();
  const [, view, id] = (location.hash || '#/configurations').split('?')[0].split('/');
  try {
    if (view === 'builder') await builder(id ? decodeURIComponent(id) : null);
    else if (view === 'jobs' && id) await jobDetail(decodeURIComponent(id));
    else if (view === 'jobs') await jobList();
    else if (view === 'account') await account();
    else if (view === 'library') await library(new URLSearchParams(location.hash.split('?')[1] || '').get('path') || '/');
    else await configurationList();
  } catch (error) {
    main.append(errorBox(error));
  }
  main.focus();
}

function signIn() {
  const input = h('input', { type: 'password', autocomplete: 'off', required: true, name: 'key' });
  const message = h('div');
  const form = h('form', {
    onsubmit: async (event) => {
      event.preventDefault();
      sessionStorage.setItem(KEY, input.value.trim());
      try {
        await api('GET', '/v1/account');
        render();
      } catch (error) {
        sessionStorage.removeItem(KEY);
        message.replaceChildren(errorBox(error));
      }
    },
  }, labelled('API key', input), h('button', { type: 'submit', text: 'Sign in' }), message);
  main.append(h('h1', { text: 'Sign in' }), h('section', { class: 'card' },
    h('p', { class: 'muted', text: 'Use a key from "pipeline keys create". It is kept in this tab only, until you sign out.' }), form));
}

// ---- configurations --------------------------------------------------------------------------

async function configurationList() {
  const page = await api('GET', '/v1/configurations?limit=100');
  main.append(h('h1', { text: 'Configurations' }), h('p', {}, h('a', { href: '#/builder', text: 'New configuration' })));
  if (!page.configurations.length) main.append(h('p', { class: 'muted', text: 'No configuration is saved yet.' }));
  else {
    main.append(h('table', {}, h('thead', {}, h('tr', {}, ['Configuration', 'Version', 'Saved'].map((t) => h('th', { text: t })))),
      h('tbody', {}, page.configurations.map((c) => h('tr', {},
        h('td', {}, h('a', { href: `#/builder/${encodeURIComponent(c.configId)}`, text: c.configId })),
        h('td', { text: c.version }), h('td', { text: when(c.createdAt) }))))));
  }
}

// The builder's forms are made from the configuration language's JSON Schema
// (GET /v1/configurations/schema, generated from the parser's tables): its objects, keys,
// kinds, ranges, choices, defaults, alternatives and conditions. Nothing here lists the
// language's keys, so a key added to the parser appears in the builder as it is.
let schema = null;
let watermarks = [];

/// The value a key effectively has in `data`: its own, the feature's (resize's fit rules), the
/// chosen alternative's default, or the schema's default.
function effective(data, key, object, context) {
  if (data[key] !== undefined) return data[key];
  if (context.inherited && context.inherited[key] !== undefined) return context.inherited[key];
  const alternative = context.alternative;
  if (alternative && alternative.defaults[key] !== undefined) return alternative.defaults[key];
  const property = object.properties[key];
  return property ? property.default : undefined;
}

/// Whether a condition ({key, values}) holds; an unknown value (no default) counts as holding.
function holds(condition, data, object, context) {
  const value = effective(data, condition.key, object, context);
  return value === undefined || condition.values.includes(String(value));
}

/// The alternative `data` uses: the one whose keys cover every alternative key present, with
/// the most of them present.
function chosenAlternative(object, data) {
  const alternatives = object['x-alternatives'] || [];
  if (!alternatives.length) return null;
  const used = new Set(alternatives.flatMap((a) => a.keys).filter((key) => data[key] !== undefined));
  let best = null, bestCount = -1;
  for (const alternative of alternatives) {
    if (![...used].every((key) => alternative.keys.includes(key))) continue;
    const count = alternative.keys.filter((key) => used.has(key)).length;
    if (count > bestCount) { best = alternative; bestCount = count; }
  }
  return best || alternatives.find((a) => data[a.keys[0]] !== undefined) || alternatives[0];
}

const isScalar = (value) => value === null || ['string', 'number', 'boolean'].includes(typeof value);
const shown = (value) => (value === undefined ? '' : String(value));

async function builder(savedId) {
  schema = schema || await api('GET', '/v1/configurations/schema');
  templates = templates || (await api('GET', '/v1/templates')).templates;
  watermarks = (await api('GET', '/v1/watermarks')).images.map((image) => image.path);
  const defs = schema.$defs;
  const starter = (type) => {
    const output = JSON.parse(JSON.stringify(defs[`feature.${type}`]['x-newOutput']));
    if (output.image !== undefined && watermarks.length) output.image = watermarks[0];
    return output;
  };
  let doc = { id: '', features: [{ type: 'resize', outputs: [starter('resize')] }] };
  if (savedId) doc = (await api('GET', `/v1/configurations/${encodeURIComponent(savedId)}`)).configuration;
  let timer = null;
  const documentBox = h('section', { class: 'card', id: 'document' });
  const featuresBox = h('div', { id: 'features' });
  const outputBox = h('section', { class: 'card', id: 'output-settings' });
  const planBox = h('section', { class: 'card', id: 'plan', 'aria-live': 'polite' }, h('p', { class: 'muted', text: 'Planning…' }));
  const general = h('div', { id: 'general-issues' });
  const json = h('textarea', { id: 'json', spellcheck: 'false' });
  const jsonMessage = h('p', { class: 'issue', id: 'json-message' });
  const status = h('div', { id: 'save-status' });
  const datalist = h('datalist', { id: 'watermark-images' }, watermarks.map((path) => h('option', { value: path })));

  // The output settings' controls write here until the document has an `output` object.
  let pendingOutput = {};
  const changed = (fromJSON = false) => {
    if (!fromJSON && doc.output === undefined && Object.keys(pendingOutput).length) doc.output = pendingOutput;
    if (!fromJSON) json.value = JSON.stringify(doc, null, 2);
    clearTimeout(timer);
    timer = setTimeout(plan, 300);
  };

  /// Draws every form again (a choice can show or hide other keys), keeping the focus.
  function redraw() {
    const focused = document.activeElement && document.activeElement.dataset ? document.activeElement.dataset.path : null;
    renderAll();
    if (focused) main.querySelector(`[data-path="${CSS.escape(focused)}"]`)?.focus();
  }

  function store(target, key, raw, property) {
    if (raw === '') { delete target[key]; return; }
    const kind = property['x-kind'];
    if (kind === 'flag') target[key] = raw === 'true';
    else if (kind === 'whole' || kind === 'number') target[key] = Number.isNaN(Number(raw)) ? raw : Number(raw);
    else target[key] = raw;
  }

  /// One key's control, labelled with its name (and unit), described by its summary.
  function keyControl(target, key, property, path, { disabled = false, note = null, afterChoice = null, fallback = property.default } = {}) {
    const kind = property['x-kind'];
    const format = property['x-format'];
    const value = target[key];
    let control;
    const placeholder = fallback !== undefined && isScalar(fallback) ? String(fallback) : '';
    const choices = kind === 'choice' ? property.enum
      : kind === 'flag' ? ['true', 'false']
      : kind === 'whole' && property.enum ? property.enum.map(String)
      : format === 'template' ? templates.map((t) => t.name) : null;
    if (choices) {
      const options = choices.includes(shown(value)) || value === undefined ? choices : choices.concat([shown(value)]);
      const none = placeholder ? `(default: ${placeholder})` : '(none)';
      control = h('select', {}, [h('option', { value: '', text: none })].concat(options.map((option) => {
        const template = format === 'template' ? templates.find((t) => t.name === option) : null;
        return h('option', { value: option, text: template ? `${option} — ${template.width}×${template.height} (${template.platform})` : option });
      })));
    } else if (format === 'multiline') {
      control = h('textarea', { class: 'short' });
    } else {
      const number = kind === 'whole' || kind === 'number';
      control = h('input', {
        type: number ? 'number' : format === 'url' ? 'url' : 'text', placeholder,
        min: number ? property.minimum : undefined, max: number ? property.maximum : undefined,
        step: number ? (kind === 'whole' ? '1' : 'any') : undefined, list: format === 'image' ? 'watermark-images' : undefined,
      });
    }
    control.dataset.path = path;
    control.dataset.kind = kind;
    control.value = shown(value);
    control.title = property.description || '';
    if (disabled) control.disabled = true;
    control.addEventListener(control.tagName === 'SELECT' ? 'change' : 'input', () => {
      store(target, key, control.value, property);
      if (control.tagName === 'SELECT' && afterChoice) afterChoice(key);
      changed();
      if (control.tagName === 'SELECT') redraw();
    });
    const unit = property['x-unit'] ? ` (${property['x-unit']})` : '';
    const label = labelled(`${key}${unit}`, control);
    if (format === 'template' && value !== undefined) {
      const t = templates.find((item) => item.name === value);
      if (t) label.append(h('span', { class: 'muted', text: `${t.width}×${t.height}, ${t.platform}; ${t.source}; checked ${t.date}` }));
    }
    if (note) label.append(h('span', { class: 'muted note', text: note }));
    return label;
  }

  /// `output.quality`: one number for every lossy format, or one per format.
  function qualityControl(target, key, property, path) {
    const value = target[key];
    const mode = value === undefined ? '' : typeof value === 'object' && value !== null ? 'per format' : 'every format';
    const select = h('select', { dataset: { path: `${path}~mode`, ui: 'mode' } },
      [['', '(default)'], ['every format', 'one for every format'], ['per format', 'one per format']].map(([v, t]) => h('option', { value: v, text: t })));
    select.value = mode;
    select.addEventListener('change', () => {
      if (select.value === '') delete target[key];
      else target[key] = select.value === 'every format' ? 80 : {};
      changed();
      redraw();
    });
    const parts = [labelled(`${key}`, select)];
    if (mode === 'every format') {
      parts.push(keyControl(target, key, { ...property.oneOf[0], 'x-kind': 'whole', description: property.description }, path));
    } else {
      const perFormat = defs['output.quality'];
      const values = mode === 'per format' ? value : {};
      for (const format of perFormat['x-order']) {
        parts.push(keyControl(values, format, perFormat.properties[format], `${path}.${format}`, { disabled: mode !== 'per format' }));
      }
    }
    return h('div', { class: 'row quality' }, parts);
  }

  /// Every key of `data` that `object` describes, as controls, in the schema's order; keys
  /// the form has no control for are listed as "set in JSON".
  function objectControls(data, object, path, context = {}) {
    const skip = new Set(context.skip || []);
    const child = (key) => (path ? `${path}.${key}` : key);
    const alternatives = object['x-alternatives'] || [];
    const alternative = chosenAlternative(object, data);
    context = { ...context, alternative };
    const parts = [];
    if (alternatives.length) {
      const select = h('select', { dataset: { path: `${path}~mode`, ui: 'mode' } }, alternatives.map((a) => h('option', { value: a.name, text: a.name })));
      select.value = alternative.name;
      select.addEventListener('change', () => {
        const next = alternatives.find((a) => a.name === select.value);
        for (const other of alternatives) for (const key of other.keys) if (!next.keys.includes(key)) delete data[key];
        for (const key of next.excludes) delete data[key];
        for (const [key, value] of Object.entries(next.starter)) if (data[key] === undefined) data[key] = value;
        if (next.starter.image !== undefined && watermarks.length && !watermarks.includes(data.image)) data.image = watermarks[0];
        changed();
        redraw();
      });
      parts.push(labelled(object.title.endsWith('output') ? 'by' : 'kind', select));
    }
    // A feature's or an output's name comes last, after what it makes; the document's after its id.
    const order = !path ? object['x-order']
      : object['x-order'].filter((key) => key !== 'name').concat(object['x-order'].includes('name') ? ['name'] : []);
    // A choice made in the form removes the keys it makes inapplicable (a circle has no width).
    const afterChoice = (changedKey) => {
      for (const key of order) {
        const condition = object.properties[key]['x-shownWhen'];
        if (condition && condition.key === changedKey && data[key] !== undefined && !holds(condition, data, object, context)) delete data[key];
      }
    };
    for (const key of order) {
      if (skip.has(key)) continue;
      const property = object.properties[key];
      const present = data[key] !== undefined;
      const inOther = alternatives.some((a) => a.keys.includes(key)) && !(alternative && alternative.keys.includes(key));
      const excluded = alternative && alternative.excludes.includes(key);
      const shownWhen = property['x-shownWhen'];
      const applies = !inOther && !excluded && (!shownWhen || holds(shownWhen, data, object, context));
      if (!applies && !present) continue;
      if (present && !isScalar(data[key]) && property['x-kind'] !== 'qualityByFormat') continue;
      const disabledWhen = property['x-disabledWhen'];
      const blocker = disabledWhen ? effective(data, disabledWhen.key, object, context) : undefined;
      const blocked = !present && blocker !== undefined && disabledWhen.values.includes(String(blocker));
      const note = applies ? (blocked ? `not with ${disabledWhen.key} ${blocker}` : null)
        : inOther || excluded ? `not used by ${alternative.name}`
        : `not used while ${shownWhen.key} is ${effective(data, shownWhen.key, object, context)}`;
      if (property['x-kind'] === 'qualityByFormat') parts.push(qualityControl(data, key, property, child(key)));
      else {
        // An empty control shows what applies instead: the feature's value, the alternative's
        // default (a template covers), or the key's default.
        const fallback = effective({}, key, object, context);
        parts.push(keyControl(data, key, property, child(key), { disabled: blocked, note, afterChoice, fallback }));
      }
    }
    const unshown = Object.keys(data).filter((key) => !skip.has(key) && (!object.properties[key]
      || (!isScalar(data[key]) && object.properties[key]['x-kind'] !== 'qualityByFormat')));
    for (const key of unshown) {
      parts.push(h('p', { class: 'unshown', dataset: { path: child(key) } }, `set in JSON: ${key} = ${JSON.stringify(data[key])}`));
    }
    return parts;
  }

  function featureCard(feature, index) {
    const path = `features[${index}]`;
    const object = defs[`feature.${feature.type}`];
    const move = (delta) => {
      const to = index + delta;
      if (to < 0 || to >= doc.features.length) return;
      doc.features.splice(to, 0, doc.features.splice(index, 1)[0]);
      renderAll();
      changed();
      featuresBox.querySelectorAll('.feature')[to]?.querySelector(delta < 0 ? '.up' : '.down')?.focus();
    };
    const card = h('section', { class: 'feature', draggable: 'true', dataset: { path, index: String(index) }, 'aria-label': `Feature ${index + 1}: ${feature.type}` });
    card.addEventListener('dragstart', (event) => { event.dataTransfer.setData('text/plain', String(index)); card.classList.add('dragging'); });
    card.addEventListener('dragend', () => card.classList.remove('dragging'));
    card.addEventListener('dragover', (event) => event.preventDefault());
    card.addEventListener('drop', (event) => {
      event.preventDefault();
      const from = Number(event.dataTransfer.getData('text/plain'));
      if (Number.isNaN(from) || from === index) return;
      doc.features.splice(index, 0, doc.features.splice(from, 1)[0]);
      renderAll();
      changed();
    });
    card.append(h('div', { class: 'feature-head' },
      h('strong', { text: `${index + 1}. ${feature.type}`, dataset: { path: `${path}.type`, value: feature.type } }),
      h('span', {},
        h('button', { type: 'button', class: 'quiet up', 'aria-label': `Move feature ${index + 1} up`, onclick: () => move(-1), text: '↑' }), ' ',
        h('button', { type: 'button', class: 'quiet down', 'aria-label': `Move feature ${index + 1} down`, onclick: () => move(1), text: '↓' }), ' ',
        h('button', { type: 'button', class: 'danger', 'aria-label': `Remove feature ${index + 1}`, text: 'Remove',
          onclick: () => { doc.features.splice(index, 1); renderAll(); changed(); } }))));
    if (!object) {
      card.append(h('p', { class: 'unshown', dataset: { path: `${path}.type` }, text: `set in JSON: ${JSON.stringify(feature)}` }));
      return card;
    }
    card.append(h('p', { class: 'muted', text: object.description }));
    card.append(h('div', { class: 'row feature-keys' }, objectControls(feature, object, path, { skip: ['type', 'outputs'] })));
    const outputs = Array.isArray(feature.outputs) ? feature.outputs : [];
    const most = object.properties.outputs.maxItems;
    outputs.forEach((output, outputIndex) => {
      const outputPath = `${path}.outputs[${outputIndex}]`;
      const row = h('div', { class: 'output row', dataset: { path: outputPath } }, h('span', { class: 'muted', text: `#${outputIndex + 1}` }));
      if (output === null || typeof output !== 'object' || Array.isArray(output)) {
        row.append(h('p', { class: 'unshown', text: `set in JSON: ${JSON.stringify(output)}` }));
      } else {
        row.append(...objectControls(output, defs[`output.${feature.type}`], outputPath, { inherited: feature }));
      }
      row.append(h('button', {
        type: 'button', class: 'danger', 'aria-label': `Remove output ${outputIndex + 1} of feature ${index + 1}`, text: '×',
        onclick: () => { outputs.splice(outputIndex, 1); renderAll(); changed(); },
      }));
      card.append(row);
    });
    if (feature.outputs !== undefined && !Array.isArray(feature.outputs)) {
      card.append(h('p', { class: 'unshown', dataset: { path: `${path}.outputs` }, text: `set in JSON: outputs = ${JSON.stringify(feature.outputs)}` }));
    }
    if (most === 1 && !outputs.length) card.append(h('p', { class: 'muted', text: 'One output; add it to give it a name.' }));
    card.append(h('button', {
      type: 'button', class: 'quiet add-output', disabled: outputs.length >= most, text: `Add output (${outputs.length} of ${most})`,
      onclick: () => {
        if (!Array.isArray(feature.outputs)) feature.outputs = [];
        feature.outputs.push(starter(feature.type));
        renderAll();
        changed();
      },
    }));
    return card;
  }

  function renderAll() {
    documentBox.replaceChildren(h('div', { class: 'row' }, objectControls(doc, schema, '', { skip: ['features', 'output'] })), general);
    featuresBox.replaceChildren(...(Array.isArray(doc.features) ? doc.features : []).map((feature, index) => (
      feature && typeof feature === 'object' ? featureCard(feature, index)
        : h('p', { class: 'unshown', dataset: { path: `features[${index}]` }, text: `set in JSON: ${JSON.stringify(feature)}` }))));
    const usable = doc.output !== null && typeof doc.output === 'object' && !Array.isArray(doc.output);
    outputBox.replaceChildren(h('h2', { text: 'Output settings (for every output)' }),
      h('div', { class: 'row' }, objectControls(usable ? doc.output : pendingOutput, defs.output, 'output')),
      ...(doc.output !== undefined && !usable ? [h('p', { class: 'unshown', dataset: { path: 'output' }, text: `set in JSON: output = ${JSON.stringify(doc.output)}` })] : []));
  }

  function showIssues(issues, notInPlan) {
    main.querySelectorAll('.issue[data-for]').forEach((node) => node.remove());
    main.querySelectorAll('[aria-invalid]').forEach((node) => node.removeAttribute('aria-invalid'));
    general.replaceChildren();
    for (const issue of issues.concat(notInPlan)) {
      let path = issue.path;
      let target = null;
      while (path && !(target = main.querySelector(`[data-path="${CSS.escape(path)}"]`))) path = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '');
      const message = h('span', { class: 'issue', role: 'alert', dataset: { for: issue.path }, id: nextId('issue'), text: issue.message });
      if (target && target.matches('input, select, textarea, strong')) {
        target.setAttribute('aria-invalid', 'true');
        target.setAttribute('aria-describedby', message.id);
        (target.closest('label') || target).after(message);
      } else if (target) target.append(message);
      else general.append(h('p', {}, message));
    }
  }

  async function plan() {
    let answer;
    try {
      answer = await api('POST', '/v1/configurations/plan', doc);
    } catch (error) {
      planBox.replaceChildren(errorBox(error));
      return;
    }
    showIssues(answer.issues || [], answer.notInPlan || []);
    if (!answer.valid) {
      planBox.replaceChildren(h('h2', { text: 'Plan' }), h('p', { class: 'error', text: `${answer.issues.length} problem(s) to fix before it can run.` }));
      return;
    }
    const p = answer.plan;
    planBox.replaceChildren(...[h('h2', { text: 'Plan' }),
      h('p', { class: 'ok', id: 'plan-summary', text: `${p.outputsPerSource} outputs per source; ${p.creditsPerSource} credits per source` }),
      h('p', { text: `Declared order: ${p.declared.join(' → ')} (work ${p.declaredWork})` }),
      h('p', { text: `Planned order: ${p.planned.join(' → ')} (work ${p.plannedWork})` }),
      answer.notInPlan.length ? h('p', { class: 'error', text: `Your plan does not include ${answer.notInPlan.length} thing(s) used here; saving is refused until they are changed.` }) : null,
      h('h2', { text: 'Output tree of one source' }),
      h('div', { class: 'tree', id: 'plan-tree', text: p.leaves.map((leaf) => `${leaf.path}${leaf.width ? `  ${leaf.width}×${leaf.height}` : ''}`).join('\n') })]
      .filter(Boolean));
  }

  const typeSelect = h('select', { id: 'feature-type' }, schema['x-featureTypes'].map((type) => h('option', { value: type, text: type })));
  json.addEventListener('input', () => {
    try {
      doc = JSON.parse(json.value);
      pendingOutput = {};
      jsonMessage.textContent = '';
      renderAll();
      changed(true);
    } catch (error) {
      jsonMessage.textContent = `The JSON does not parse: ${error.message}`;
    }
  });

  async function save() {
    status.replaceChildren();
    try {
      const saved = savedId
        ? await api('PUT', `/v1/configurations/${encodeURIComponent(savedId)}`, doc)
        : await api('POST', '/v1/configurations', doc);
      toast(`Saved ${saved.configId} (version ${saved.version})`);
      status.replaceChildren(h('p', { class: 'ok', text: `Saved as ${saved.configId}, version ${saved.version}.` }));
      if (!savedId) location.hash = `#/builder/${encodeURIComponent(saved.configId)}`;
    } catch (error) {
      status.replaceChildren(errorBox(error));
    }
  }

  main.append(h('h1', { text: savedId ? `Configuration ${savedId}` : 'New configuration' }), datalist,
    h('div', { class: 'grid2' },
      h('div', {},
        documentBox,
        featuresBox,
        h('section', { class: 'card row' }, labelled('feature type', typeSelect), h('button', {
          type: 'button', id: 'add-feature', text: 'Add feature',
          onclick: () => {
            const type = typeSelect.value;
            if (!Array.isArray(doc.features)) doc.features = [];
            const object = defs[`feature.${type}`];
            doc.features.push(object.required.includes('outputs') ? { type, outputs: [starter(type)] } : { type });
            renderAll();
            changed();
          },
        })),
        outputBox,
        h('section', { class: 'card row' },
          h('button', { type: 'button', id: 'save', text: savedId ? 'Save a new version' : 'Save', onclick: save }),
          h('button', { type: 'button', class: 'quiet', id: 'duplicate', text: 'Duplicate', onclick: () => {
            doc.id = `${doc.id || 'configuration'}-copy`;
            savedId = null;
            renderAll();
            changed();
            toast('Duplicated: save it under its new id');
          } }),
          savedId ? h('button', { type: 'button', class: 'danger', id: 'delete', text: 'Delete', onclick: async () => {
            if (!confirm(`Delete configuration ${savedId}?`)) return;
            try { await api('DELETE', `/v1/configurations/${encodeURIComponent(savedId)}`); location.hash = '#/configurations'; } catch (error) { status.replaceChildren(errorBox(error)); }
          } }) : null,
          status),
        savedId ? testRun(savedId) : null,
        h('section', { class: 'card' }, h('h2', {}, labelled('Configuration as JSON (editable)', json)), jsonMessage)),
      h('div', {}, planBox)));
  renderAll();
  changed();
}

// ---- test runs, jobs -----------------------------------------------------------------------

function testRun(configId) {
  const files = h('input', { type: 'file', multiple: true, accept: 'image/*', id: 'test-files' });
  const drop = h('div', { class: 'card muted', text: 'or drop images here' });
  const out = h('div', { id: 'test-result', 'aria-live': 'polite' });
  let dropped = [];
  drop.addEventListener('dragover', (event) => event.preventDefault());
  drop.addEventListener('drop', (event) => { event.preventDefault(); dropped = [...event.dataTransfer.files]; drop.textContent = `${dropped.length} file(s) dropped`; });
  const start = async () => {
    const chosen = dropped.length ? dropped : [...files.files];
    if (!chosen.length) { out.replaceChildren(h('p', { class: 'error', text: 'Pick or drop at least one image first.' })); return; }
    const form = new FormData();
    form.append('configId', configId);
    for (const file of chosen) form.append('sources', file, file.name);
    try {
      const accepted = await api('POST', '/v1/jobs', form, { form: true });
      out.replaceChildren(h('p', { id: 'test-status', text: `Job ${accepted.jobId}: queued (${accepted.credits} credits)` }));
      await watchJob(accepted.jobId, out);
    } catch (error) {
      out.replaceChildren(errorBox(error));
    }
  };
  return h('section', { class: 'card' }, h('h2', { text: 'Test run' }), labelled('images', files), drop,
    h('button', { type: 'button', id: 'start-test', text: 'Start test run', onclick: start }), out);
}

async function watchJob(jobId, out) {
  let job;
  for (let i = 0; i < 1200; i++) {
    job = await api('GET', `/v1/jobs/${jobId}`);
    out.querySelector('#test-status').textContent = `Job ${jobId}: ${job.status}`;
    if (FINISHED.includes(job.status)) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  out.append(sourcesTable(job));
  if (job.archiveUrl) await outputGrid(jobId, out);
}

function sourcesTable(job) {
  return h('table', { class: 'sources' }, h('thead', {}, h('tr', {}, ['Source', 'Status', 'Outputs', 'Code', 'Message'].map((t) => h('th', { text: t })))),
    h('tbody', {}, job.sources.map((s) => h('tr', { dataset: { status: s.status } },
      h('td', { text: s.name }), h('td', { text: s.status }), h('td', { text: s.outputs }), h('td', { text: s.code || '' }), h('td', { text: s.message || '' })))));
}

/// The ZIP's output images as a thumbnail grid with their sizes, and a download link.
async function outputGrid(jobId, out) {
  const blob = await api('GET', `/v1/jobs/${jobId}/archive`, undefined, { blob: true });
  const link = h('a', { href: URL.createObjectURL(blob), download: `${jobId}.zip`, id: 'download-zip', text: `Download the ZIP (${bytes(blob.size)})` });
  const entries = await readZip(blob);
  const manifestEntry = entries.find((entry) => entry.name === 'configuration/manifest.json');
  const manifest = manifestEntry ? JSON.parse(new TextDecoder().decode(await manifestEntry.read())) : { outputs: [] };
  const grid = h('div', { class: 'thumbs', id: 'output-grid' });
  for (const entry of entries.filter((item) => item.name.startsWith('output/'))) {
    const info = (manifest.outputs || []).find((o) => `output/${o.path}` === entry.name || o.path === entry.name) || {};
    const type = /\.png$/.test(entry.name) ? 'image/png' : /\.webp$/.test(entry.name) ? 'image/webp' : /\.gif$/.test(entry.name) ? 'image/gif' : /\.avif$/.test(entry.name) ? 'image/avif' : 'image/jpeg';
    const url = URL.createObjectURL(new Blob([await entry.read()], { type }));
    grid.append(h('figure', {}, h('img', { src: url, alt: entry.name }),
      h('figcaption', { text: `${entry.name.slice(7)} ${info.width ? `${info.width}×${info.height}` : ''} ${info.bytes ? bytes(info.bytes) : ''}` })));
  }
  out.append(h('p', {}, link), h('p', { text: `${grid.children.length} outputs` }), grid);
}

/// The entries of a ZIP (stored or deflated), read from its central directory.
async function readZip(blob) {
  const data = new Uint8Array(await blob.arrayBuffer());
  const view = new DataView(data.buffer);
  let end = data.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error('the archive is not a ZIP');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(data.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra + comment;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = data.subarray(start, start + size);
    entries.push({
      name,
      read: async () => (method === 0 ? raw : new Uint8Array(await new Response(new Blob([raw]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).arrayBuffer())),
    });
  }
  return entries;
}

async function jobList() {
  const status = new URLSearchParams(location.hash.split('?')[1] || '').get('status') || '';
  const filter = h('select', { id: 'job-filter' }, ['', 'queued', 'processing', 'delivering', 'succeeded', 'partial', 'failed'].map((s) => h('option', { value: s, text: s || 'all' })));
  filter.value = status;
  filter.addEventListener('change', () => { location.hash = filter.value ? `#/jobs?status=${filter.value}` : '#/jobs'; });
  const page = await api('GET', `/v1/jobs?limit=50${status ? `&status=${status}` : ''}`);
  main.append(h('h1', { text: 'Jobs' }), labelled('status', filter));
  if (!page.jobs.length) { main.append(h('p', { class: 'muted', text: 'No job here yet.' })); return; }
  main.append(h('table', { id: 'jobs' }, h('thead', {}, h('tr', {}, ['Job', 'Configuration', 'Status', 'Sources', 'Created'].map((t) => h('th', { text: t })))),
    h('tbody', {}, page.jobs.map((job) => h('tr', {},
      h('td', {}, h('a', { href: `#/jobs/${job.jobId}`, text: job.jobId })), h('td', { text: job.configId }), h('td', { text: job.status }),
      h('td', { text: job.sources.length }), h('td', { text: when(job.createdAt) }))))));
}

async function jobDetail(jobId) {
  const job = await api('GET', `/v1/jobs/${jobId}`);
  const manifestBox = h('div');
  main.append(h('h1', { text: `Job ${jobId}` }),
    h('section', { class: 'card' }, h('p', { text: `Configuration ${job.configId} (version ${job.configVersion}); status ${job.status}` }),
      h('p', { class: 'muted', text: `Created ${when(job.createdAt)}; started ${when(job.startedAt)}; finished ${when(job.finishedAt)}` })),
    h('h2', { text: 'Sources' }), sourcesTable(job),
    h('h2', { text: 'Delivery' }),
    h('p', { id: 'delivery-state', text: `State: ${job.delivery.state}${job.delivery.webhookId ? ` (webhook-id ${job.delivery.webhookId})` : ''}` }),
    h('table', { id: 'attempts' }, h('thead', {}, h('tr', {}, ['Time', 'HTTP status', 'Error', 'ms'].map((t) => h('th', { text: t })))),
      h('tbody', {}, job.delivery.attempts.map((a) => h('tr', {}, h('td', { text: when(a.at) }), h('td', { text: a.httpStatus ?? '' }), h('td', { text: a.error || '' }), h('td', { text: a.ms }))))),
    h('p', {}, h('button', { type: 'button', id: 'redeliver', text: 'Deliver again', onclick: async () => {
      try { await api('POST', `/v1/jobs/${jobId}/redeliver`); toast('Delivery queued'); setTimeout(render, 1500); } catch (error) { main.append(errorBox(error)); }
    } })),
    job.archiveUrl ? h('p', {}, h('button', { type: 'button', class: 'quiet', id: 'show-manifest', text: 'Show the manifest', onclick: async () => {
      const entries = await readZip(await api('GET', `/v1/jobs/${jobId}/archive`, undefined, { blob: true }));
      const entry = entries.find((item) => item.name === 'configuration/manifest.json');
      manifestBox.replaceChildren(h('pre', { class: 'tree', text: entry ? new TextDecoder().decode(await entry.read()) : 'no manifest' }));
    } })) : null, manifestBox);
}

// ---- library -------------------------------------------------------------------------------

/// An asset URL as a path of this origin (the page's CSP allows images from itself only).
const sameOrigin = (url) => { const parsed = new URL(url, location.href); return parsed.pathname + parsed.search; };
const childPath = (folder, name) => (folder === '/' ? `/${name}` : `${folder}/${name}`);

async function library(path) {
  const [page, configurations, summary] = await Promise.all([
    api('GET', `/v1/folders?path=${encodeURIComponent(path)}&limit=100`),
    api('GET', '/v1/configurations?limit=100'),
    api('GET', '/v1/account'),
  ]);
  let assets = page.assets;
  let next = page.next;
  const selected = new Set();
  const message = h('div', { id: 'library-message', 'aria-live': 'polite' });
  const grid = h('div', { class: 'thumbs', id: 'library-grid' });
  const details = h('section', { class: 'card', id: 'asset-details', hidden: true });
  const count = h('span', { id: 'selection-count', class: 'muted', text: 'nothing selected' });
  const go = (folder) => { location.hash = `#/library?path=${encodeURIComponent(folder)}`; };
  const fail = (error) => message.replaceChildren(errorBox(error));

  async function upload(fileList, folder) {
    const chosen = [...fileList];
    if (!chosen.length) return;
    const form = new FormData();
    form.append('folder', folder);
    form.append('onConflict', 'rename');
    for (const file of chosen) form.append('files', file, file.name);
    try {
      const made = await api('POST', '/v1/assets', form, { form: true });
      toast(`${made.assets.length} file(s) stored in ${folder}`);
      if (folder === path) render(); else go(folder);
    } catch (error) { fail(error); }
  }
  const dropTarget = (element, folder) => {
    element.addEventListener('dragover', (event) => { event.preventDefault(); element.classList.add('over'); });
    element.addEventListener('dragleave', () => element.classList.remove('over'));
    element.addEventListener('drop', (event) => { event.preventDefault(); element.classList.remove('over'); upload(event.dataTransfer.files, folder); });
  };

  function showDetails(asset) {
    const url = h('input', { type: 'text', readonly: true, id: 'asset-url', value: asset.url });
    details.hidden = false;
    details.replaceChildren(h('h2', { text: asset.name }),
      h('img', { src: sameOrigin(asset.url), alt: asset.name, class: 'preview' }),
      h('table', {}, h('tbody', {}, [['Asset', asset.assetId], ['Folder', asset.folder], ['Size', `${asset.width}×${asset.height}, ${bytes(asset.bytes)}`],
        ['Format', asset.format], ['SHA-256', asset.sha256], ['Stored', when(asset.createdAt)], ['Expires', asset.expiresAt ? when(asset.expiresAt) : 'never'],
        ['Origin', asset.origin.type === 'job' ? `job ${asset.origin.jobId} (${asset.origin.configId}): ${asset.origin.outputPath}` : 'upload']]
        .map(([name, value]) => h('tr', {}, h('th', { text: name }), h('td', { text: value }))))),
      h('div', { class: 'row' }, labelled('URL (no key needed)', url), h('button', { type: 'button', class: 'quiet', id: 'copy-url', text: 'Copy', onclick: async () => {
        url.select();
        try { await navigator.clipboard.writeText(asset.url); } catch { document.execCommand('copy'); }
        toast('URL copied');
      } })),
      renderBuilder(asset));
  }

  /// On-the-fly rendering of this asset (SPEC §10): a URL for one output of a saved
  /// configuration or for ad-hoc options, and its preview.
  function renderBuilder(asset) {
    const section = h('section', { id: 'render-builder' }, h('h3', { text: 'Render on request' }));
    const note = h('p', { class: 'muted', id: 'render-status' });
    const switchOn = h('button', { type: 'button', class: 'quiet', id: 'rendering-on', text: 'Switch rendering on', onclick: async () => {
      try {
        const updated = await api('PATCH', '/v1/account', { realtimeRendering: true });
        summary.realtimeRendering = updated.realtimeRendering;
        status();
      } catch (error) { fail(error); }
    } });
    const status = () => {
      note.textContent = summary.realtimeRendering ? 'Rendering is on for this account: the URL below answers without a key.'
        : 'Rendering is off for this account: the URL is built, but answers 403 until it is switched on.';
      switchOn.hidden = !!summary.realtimeRendering;
    };
    status();
    const mode = h('select', { id: 'render-mode' }, h('option', { value: 'output', text: 'an output of a configuration' }), h('option', { value: 'options', text: 'ad-hoc options' }));
    const configuration = h('select', { id: 'render-configuration' }, configurations.configurations.map((c) => h('option', { value: c.configId, text: c.configId })));
    const output = h('select', { id: 'render-output' });
    const options = h('input', { type: 'text', id: 'render-options', value: 'w:400,h:300,fit:cover,f:auto', placeholder: 'w:400,h:300,fit:cover,g:attention,f:webp,q:78' });
    const url = h('input', { type: 'text', readonly: true, id: 'render-url' });
    const byId = h('input', { type: 'text', readonly: true, id: 'render-url-by-id' });
    const preview = h('img', { id: 'render-preview', class: 'preview', alt: `${asset.name} rendered`, hidden: true });
    const problem = h('div', { id: 'render-problem', 'aria-live': 'polite' });
    async function outputs() {
      output.replaceChildren();
      if (!configuration.value) return;
      try {
        const read = await api('GET', `/v1/configurations/${encodeURIComponent(configuration.value)}`);
        const paths = [...new Set((read.plan?.leaves || []).map((leaf) => leaf.path.split('/').slice(1, -1).join('/')))];
        output.replaceChildren(...paths.map((path) => h('option', { value: path, text: path })));
      } catch (error) { problem.replaceChildren(errorBox(error)); }
    }
    configuration.addEventListener('change', outputs);
    const shown = () => {
      const adHoc = mode.value === 'options';
      // (Labels are laid out by the style sheet, which a hidden attribute does not beat.)
      configuration.parentElement.style.display = adHoc ? 'none' : '';
      output.parentElement.style.display = adHoc ? 'none' : '';
      options.parentElement.style.display = adHoc ? '' : 'none';
    };
    mode.addEventListener('change', shown);
    const build = h('button', { type: 'button', id: 'render-build', text: 'Build the URL', onclick: async () => {
      problem.replaceChildren();
      const query = mode.value === 'options' ? `options=${encodeURIComponent(options.value.trim())}`
        : `configId=${encodeURIComponent(configuration.value)}&output=${encodeURIComponent(output.value)}`;
      try {
        const made = await api('GET', `/v1/assets/${asset.assetId}/render-url?${query}`);
        url.value = made.url;
        byId.value = made.byId;
        preview.hidden = false;
        preview.src = sameOrigin(made.url);
      } catch (error) { problem.replaceChildren(errorBox(error)); }
    } });
    preview.addEventListener('error', async () => {
      // Say why in words: the URL answers JSON when it cannot render.
      try {
        const response = await fetch(sameOrigin(url.value));
        if (!response.ok) problem.replaceChildren(errorBox(new APIError(response.status, await response.json().catch(() => null))));
      } catch (error) { problem.replaceChildren(errorBox(error)); }
    });
    section.append(h('div', { class: 'row' }, note, switchOn),
      h('div', { class: 'row' }, labelled('render', mode), labelled('configuration', configuration), labelled('output', output), labelled('options', options), build),
      labelled('URL', url), labelled('by id (follows moves and renames)', byId), problem, preview);
    shown();
    outputs();
    return section;
  }

  function drawGrid() {
    grid.replaceChildren(...assets.map((asset) => {
      const box = h('input', { type: 'checkbox', 'aria-label': `Select ${asset.name}`, dataset: { asset: asset.assetId } });
      box.checked = selected.has(asset.assetId);
      box.addEventListener('change', () => {
        if (box.checked) selected.add(asset.assetId); else selected.delete(asset.assetId);
        count.textContent = selected.size ? `${selected.size} selected` : 'nothing selected';
      });
      return h('figure', { dataset: { asset: asset.assetId } }, box,
        h('img', { src: sameOrigin(asset.url), alt: asset.name, loading: 'lazy' }),
        h('figcaption', {}, h('button', { type: 'button', class: 'link', text: asset.name, onclick: () => showDetails(asset) }),
          ` ${asset.width}×${asset.height} ${bytes(asset.bytes)}`));
    }));
    if (!assets.length) grid.append(h('p', { class: 'muted', text: 'No file here yet: drop images on this folder, or pick them above.' }));
  }

  const folderInput = h('input', { type: 'text', placeholder: 'new folder name' });
  const files = h('input', { type: 'file', multiple: true, accept: 'image/*', id: 'library-files' });
  files.addEventListener('change', () => upload(files.files, path));
  const drop = h('div', { class: 'card muted drop', id: 'library-drop', text: `Drop images here to store them in ${path}` });
  dropTarget(drop, path);
  const crumbs = [h('a', { href: '#/library?path=%2F', text: 'Library' })];
  let at = '/';
  for (const name of path.split('/').filter(Boolean)) {
    at = childPath(at, name);
    crumbs.push(' / ', h('a', { href: `#/library?path=${encodeURIComponent(at)}`, text: name }));
  }
  const folderList = h('ul', { id: 'folders', class: 'folders' }, page.folders.map((folder) => {
    const item = h('li', {}, h('a', { href: `#/library?path=${encodeURIComponent(folder.path)}`, text: `📁 ${folder.name}` }));
    dropTarget(item, folder.path);
    return item;
  }));
  const configSelect = h('select', { id: 'run-configuration' }, configurations.configurations.map((c) => h('option', { value: c.configId, text: c.configId })));
  const moveTo = h('input', { type: 'text', id: 'move-to', placeholder: '/another/folder' });
  const picked = () => [...selected];
  const need = () => { if (!selected.size) { message.replaceChildren(h('p', { class: 'error', text: 'Select one or more files first.' })); return false; } return true; };
  const actions = h('section', { class: 'card row', id: 'library-actions' }, count,
    h('button', { type: 'button', id: 'download-selection', text: 'Download a ZIP', onclick: async () => {
      if (!need()) return;
      try {
        const blob = await fetch('/v1/archives', { method: 'POST', headers: { Authorization: `Bearer ${sessionStorage.getItem(KEY) || ''}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ assetIds: picked() }) }).then(async (response) => {
          if (!response.ok) throw new APIError(response.status, await response.json().catch(() => null));
          return response.blob();
        });
        message.replaceChildren(h('p', {}, h('a', { href: URL.createObjectURL(blob), download: 'selection.zip', id: 'selection-zip', text: `selection.zip (${bytes(blob.size)})` })));
      } catch (error) { fail(error); }
    } }),
    labelled('configuration', configSelect),
    h('button', { type: 'button', id: 'run-selection', text: 'Run it on the selection', onclick: async () => {
      if (!need()) return;
      try {
        const accepted = await api('POST', '/v1/jobs', { configId: configSelect.value, assetIds: picked() });
        message.replaceChildren(h('p', { class: 'ok' }, 'Queued as ', h('a', { href: `#/jobs/${accepted.jobId}`, id: 'selection-job', text: accepted.jobId })));
      } catch (error) { fail(error); }
    } }),
    labelled('move to', moveTo),
    h('button', { type: 'button', class: 'quiet', id: 'move-selection', text: 'Move', onclick: async () => {
      if (!need()) return;
      try {
        for (const id of picked()) await api('PATCH', `/v1/assets/${id}`, { folder: moveTo.value.trim() });
        toast(`Moved to ${moveTo.value.trim()}`);
        render();
      } catch (error) { fail(error); }
    } }),
    h('button', { type: 'button', class: 'danger', id: 'delete-selection', text: 'Delete', onclick: async () => {
      if (!need() || !confirm(`Delete ${selected.size} file(s)? Their URLs stop working.`)) return;
      try {
        for (const id of picked()) await api('DELETE', `/v1/assets/${id}`);
        toast('Deleted');
        render();
      } catch (error) { fail(error); }
    } }));
  const more = h('button', { type: 'button', class: 'quiet', id: 'more-assets', hidden: !next, text: 'More', onclick: async () => {
    const following = await api('GET', `/v1/folders?path=${encodeURIComponent(path)}&limit=100&after=${encodeURIComponent(next)}`);
    assets = assets.concat(following.assets);
    next = following.next;
    more.hidden = !next;
    drawGrid();
  } });
  main.append(h('h1', { text: 'Library' }), h('p', { id: 'breadcrumbs' }, ...crumbs),
    h('div', { class: 'grid2' },
      h('div', {},
        h('section', { class: 'card' }, h('h2', { text: 'Folders' }), folderList,
          h('form', { class: 'row', onsubmit: async (event) => {
            event.preventDefault();
            try { await api('POST', '/v1/folders', { path: childPath(path, folderInput.value.trim()) }); go(childPath(path, folderInput.value.trim())); } catch (error) { fail(error); }
          } }, labelled('folder', folderInput), h('button', { type: 'submit', id: 'make-folder', text: 'Make' }))),
        h('section', { class: 'card' }, labelled('store images here', files), drop),
        actions, message, grid, more),
      h('div', {}, details)));
  drawGrid();
}

// ---- account -------------------------------------------------------------------------------

async function account() {
  const [summary, usage, keys, ips] = await Promise.all([api('GET', '/v1/account'), api('GET', '/v1/account/usage'), api('GET', '/v1/keys'), api('GET', '/v1/account/ips')]);
  const plan = summary.plan;
  const limit = (value) => (value === undefined ? 'no limit' : value);
  main.append(h('h1', { text: `Account ${summary.name}` }),
    h('section', { class: 'card' }, h('h2', { text: `Plan: ${plan.name}` }), h('table', { id: 'limits' }, h('tbody', {},
      [['Requests per minute', limit(plan.requestsPerMinute)], ['Sources per day', limit(plan.sourcesPerDay)], ['Bytes per upload', plan.bytesPerUpload ? bytes(plan.bytesPerUpload) : 'no limit'],
        ['Saved configurations', limit(plan.savedConfigurations)], ['Outputs per source', limit(plan.outputsPerSource)], ['Credits per month', limit(plan.creditsPerMonth)],
        ['Features', (plan.features || ['all']).join(', ')], ['Formats', (plan.formats || ['all']).join(', ')], ['Allowed IPs', limit(plan.allowedIPs)],
        ['Library storage', `${bytes(summary.storage.bytes)} in ${summary.storage.files} files, of ${plan.storageBytes ? bytes(plan.storageBytes) : 'no limit'}`],
        ['Largest file', plan.maxFileBytes ? bytes(plan.maxFileBytes) : 'no limit']]
        .map(([name, value]) => h('tr', {}, h('th', { text: name }), h('td', { text: value })))))),
    h('section', { class: 'card' }, h('h2', { text: 'Usage' }), h('table', { id: 'usage' },
      h('thead', {}, h('tr', {}, ['', 'Jobs', 'Sources', 'Credits', 'Bytes in', 'Bytes out'].map((t) => h('th', { text: t })))),
      h('tbody', {}, [['Today', summary.usage.today], ['This month', summary.usage.month]].map(([name, u]) =>
        h('tr', {}, h('th', { text: name }), h('td', { text: u.jobs }), h('td', { text: u.sources }), h('td', { text: u.credits }), h('td', { text: bytes(u.bytesIn) }), h('td', { text: bytes(u.bytesOut) }))))),
    chart(usage.series)),
    keySection(keys.keys), addressSection(ips));
}

/// Sources per day as an SVG bar chart, with its scale (0 and the highest day) on the left and
/// the day of the month under the first, every seventh and the last bar.
function chart(series) {
  const ns = 'http://www.w3.org/2000/svg';
  const left = 26, width = left + Math.max(series.length * 14, 140), height = 80;
  const top = Math.max(1, ...series.map((d) => d.sources));
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height + 16}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('id', 'usage-chart');
  svg.setAttribute('aria-label', `Sources per day: ${series.map((d) => `${d.day} ${d.sources}`).join(', ')}`);
  svg.style.width = '100%';
  svg.style.maxHeight = '160px';
  const label = (text, x, y, anchor, role) => {
    const node = document.createElementNS(ns, 'text');
    node.setAttribute('x', String(x));
    node.setAttribute('y', String(y));
    node.setAttribute('text-anchor', anchor);
    node.setAttribute('font-size', '9');
    node.setAttribute('fill', '#555');
    node.setAttribute('class', role);
    node.textContent = text;
    svg.append(node);
  };
  label(String(top), left - 4, 8, 'end', 'scale');
  label('0', left - 4, height, 'end', 'scale');
  const axis = document.createElementNS(ns, 'line');
  for (const [name, value] of [['x1', left - 1], ['y1', 0], ['x2', left - 1], ['y2', height], ['stroke', '#999']]) axis.setAttribute(name, String(value));
  svg.append(axis);
  series.forEach((d, i) => {
    const bar = document.createElementNS(ns, 'rect');
    const barHeight = Math.round((d.sources / top) * height);
    bar.setAttribute('x', String(left + i * 14 + 2));
    bar.setAttribute('y', String(height - barHeight));
    bar.setAttribute('width', '10');
    bar.setAttribute('height', String(Math.max(barHeight, d.sources ? 1 : 0)));
    bar.setAttribute('fill', '#2f5bd3');
    const title = document.createElementNS(ns, 'title');
    title.textContent = `${d.day}: ${d.sources} sources, ${d.credits} credits`;
    bar.append(title);
    svg.append(bar);
    if (i === 0 || i === series.length - 1 || i % 7 === 0) label(String(Number(d.day.slice(8, 10))), left + i * 14 + 7, height + 12, 'middle', 'day');
  });
  return h('figure', {}, svg, h('figcaption', { class: 'muted', text: 'Sources per day this month' }));
}

function keySection(keys) {
  const shown = h('div', { id: 'new-key', 'aria-live': 'polite' });
  return h('section', { class: 'card' }, h('h2', { text: 'API keys' }),
    h('table', { id: 'keys' }, h('tbody', {}, keys.map((key) => h('tr', {}, h('td', { text: `${key.prefix}…` }), h('td', { text: key.keyId }),
      h('td', { text: key.revokedAt ? `revoked ${when(key.revokedAt)}` : `created ${when(key.createdAt)}` }),
      h('td', {}, key.revokedAt ? '' : h('button', { type: 'button', class: 'danger', text: 'Revoke', 'aria-label': `Revoke key ${key.prefix}`, onclick: async () => {
        if (!confirm(`Revoke ${key.prefix}…? Clients using it will get 401.`)) return;
        try { await api('DELETE', `/v1/keys/${key.keyId}`); render(); } catch (error) { shown.replaceChildren(errorBox(error)); }
      } })))))),
    h('button', { type: 'button', id: 'create-key', text: 'Create a key', onclick: async () => {
      try {
        const made = await api('POST', '/v1/keys', {});
        shown.replaceChildren(h('p', { text: 'Your new key, shown this once:' }), h('output', { class: 'tree', text: made.apiKey }));
      } catch (error) { shown.replaceChildren(errorBox(error)); }
    } }), shown);
}

function addressSection(list) {
  const input = h('input', { type: 'text', placeholder: '203.0.113.7 or 10.0.0.0/8' });
  const message = h('div');
  return h('section', { class: 'card' }, h('h2', { text: 'IP allow-list' }),
    h('p', { class: 'muted', text: `Empty: any address may use your keys. You are at ${list.yourAddress || 'an unknown address'}.${list.limit !== undefined ? ` Your plan allows ${list.limit}.` : ''}` }),
    h('ul', { id: 'addresses' }, list.addresses.map((entry) => h('li', {}, `${entry.address}${entry.active ? '' : ' (off)'} `,
      h('button', { type: 'button', class: 'danger', text: 'Remove', 'aria-label': `Remove ${entry.address}`, onclick: async () => {
        try { await api('DELETE', `/v1/account/ips?address=${encodeURIComponent(entry.address)}`); render(); } catch (error) { message.replaceChildren(errorBox(error)); }
      } })))),
    h('form', { class: 'row', onsubmit: async (event) => {
      event.preventDefault();
      try { await api('POST', '/v1/account/ips', { address: input.value.trim() }); render(); } catch (error) { message.replaceChildren(errorBox(error)); }
    } }, labelled('address or range', input), h('button', { type: 'submit', text: 'Add' })), message);
}

document.getElementById('sign-out').addEventListener('click', () => { sessionStorage.removeItem(KEY); location.hash = '#/configurations'; render(); });
window.addEventListener('hashchange', render);
render();
