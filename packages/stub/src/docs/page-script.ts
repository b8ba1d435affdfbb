/**
 * The `/docs` script: fetches `/openapi.json` and renders every operation (parameters,
 * request body, responses with their schemas), the webhooks and a filter box. Plain DOM,
 * text set through `textContent` only.
 */
export const DOCS_JS = `(function () {
  'use strict';
  var doc = null;
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function resolve(obj) {
    var seen = 0;
    while (obj && typeof obj.$ref === 'string' && obj.$ref.indexOf('#/') === 0 && seen++ < 20) {
      var parts = obj.$ref.slice(2).split('/');
      var cur = doc;
      for (var i = 0; i < parts.length; i++) cur = cur && cur[parts[i].replace(/~1/g, '/').replace(/~0/g, '~')];
      obj = cur;
    }
    return obj || {};
  }
  function refName(schema) {
    return schema && typeof schema.$ref === 'string' ? schema.$ref.split('/').pop() : null;
  }
  function typeLabel(schema) {
    var s = resolve(schema);
    var name = refName(schema);
    var t = s.type;
    var label = Array.isArray(t) ? t.join(' | ') : t || (s.oneOf ? 'oneOf' : s.anyOf ? 'anyOf' : s.allOf ? 'allOf' : 'any');
    if (t === 'array' || (Array.isArray(t) && t.indexOf('array') >= 0)) label = 'array of ' + typeLabel(s.items || {});
    if (s.const !== undefined) label += ' = ' + JSON.stringify(s.const);
    if (s.enum) label += ' (' + s.enum.map(function (v) { return JSON.stringify(v); }).join(', ') + ')';
    if (s.format) label += ' <' + s.format + '>';
    return name ? name + ': ' + label : label;
  }
  function renderSchema(schema, depth, seen) {
    var box = el('div', 'schema');
    var s = resolve(schema);
    var name = refName(schema);
    if (depth > 6 || (name && seen.indexOf(name) >= 0)) {
      box.appendChild(el('div', 'type', typeLabel(schema)));
      return box;
    }
    var nextSeen = name ? seen.concat([name]) : seen;
    var variants = s.oneOf || s.anyOf || s.allOf;
    if (variants) {
      box.appendChild(el('div', 'type', s.oneOf ? 'one of:' : s.anyOf ? 'any of:' : 'all of:'));
      variants.forEach(function (v) { box.appendChild(renderSchema(v, depth + 1, nextSeen)); });
      return box;
    }
    if (s.properties) {
      var required = s.required || [];
      Object.keys(s.properties).forEach(function (key) {
        var prop = s.properties[key];
        var row = el('div', 'prop');
        row.appendChild(el('code', null, key));
        if (required.indexOf(key) >= 0) row.appendChild(el('span', 'req', 'required'));
        row.appendChild(document.createTextNode(' '));
        row.appendChild(el('span', 'type', typeLabel(prop)));
        var description = prop.description || resolve(prop).description;
        if (description) row.appendChild(el('div', 'desc', description));
        box.appendChild(row);
        var inner = resolve(prop);
        var items = inner.items ? resolve(inner.items) : null;
        if (inner.properties || inner.oneOf || inner.anyOf || inner.allOf) box.appendChild(renderSchema(prop, depth + 1, nextSeen));
        else if (items && (items.properties || items.oneOf)) box.appendChild(renderSchema(inner.items, depth + 1, nextSeen));
      });
      return box;
    }
    box.appendChild(el('div', 'type', typeLabel(schema)));
    return box;
  }
  function renderOperation(path, method, op, pathItem) {
    var section = el('section', 'op');
    section.id = op.operationId || method + path;
    section.dataset.search = [path, op.operationId, (op.tags || []).join(' '), op.summary || ''].join(' ').toLowerCase();
    var head = el('div');
    head.appendChild(el('span', 'method ' + method, method.toUpperCase()));
    head.appendChild(el('span', 'path', path));
    head.appendChild(el('span', 'opid', op.operationId));
    section.appendChild(head);
    if (op.summary) section.appendChild(el('h3', null, op.summary));
    if (op.description) section.appendChild(el('p', null, op.description));
    var scopes = op['x-required-scopes'];
    var sec = el('p');
    if (!op.security || op.security.length === 0) sec.textContent = 'No credential needed.';
    else {
      sec.appendChild(document.createTextNode('Credential: API key, JWT or OAuth token. Scopes: '));
      if (scopes && scopes.length) scopes.forEach(function (s) { sec.appendChild(el('span', 'scope', s)); });
      else sec.appendChild(document.createTextNode('none beyond a valid credential.'));
    }
    section.appendChild(sec);
    var params = [].concat(pathItem.parameters || [], op.parameters || []).map(resolve);
    if (params.length) {
      section.appendChild(el('h4', null, 'Parameters'));
      var table = el('table');
      var hr = el('tr');
      ['name', 'in', 'type', 'description'].forEach(function (h) { hr.appendChild(el('th', null, h)); });
      table.appendChild(hr);
      params.forEach(function (p) {
        var tr = el('tr');
        var name = el('td');
        name.appendChild(el('code', null, p.name));
        if (p.required) name.appendChild(el('span', 'req', 'required'));
        tr.appendChild(name);
        tr.appendChild(el('td', null, p.in));
        tr.appendChild(el('td', 'type', typeLabel(p.schema || {})));
        tr.appendChild(el('td', 'desc', p.description || ''));
        table.appendChild(tr);
      });
      section.appendChild(table);
    }
    var body = op.requestBody ? resolve(op.requestBody) : null;
    if (body && body.content) {
      section.appendChild(el('h4', null, 'Request body' + (body.required ? '' : ' (optional)')));
      Object.keys(body.content).forEach(function (type) {
        section.appendChild(el('div', 'desc', type));
        section.appendChild(renderSchema(body.content[type].schema || {}, 0, []));
      });
    }
    section.appendChild(el('h4', null, 'Responses'));
    Object.keys(op.responses || {}).forEach(function (status) {
      var r = resolve(op.responses[status]);
      var row = el('div', 'prop');
      row.appendChild(el('span', 'status', status));
      row.appendChild(document.createTextNode(' ' + (r.description || '')));
      section.appendChild(row);
      var json = r.content && (r.content['application/json'] || r.content[Object.keys(r.content)[0]]);
      if (json && json.schema && status.charAt(0) === '2') section.appendChild(renderSchema(json.schema, 0, []));
    });
    return section;
  }
  function render() {
    document.getElementById('title').textContent = (doc.info && doc.info.title) || 'API reference';
    document.getElementById('subtitle').textContent = 'Version ' + ((doc.info && doc.info.version) || '?') + ' · OpenAPI ' + doc.openapi;
    document.title = document.getElementById('title').textContent;
    var nav = document.getElementById('nav');
    var content = document.getElementById('content');
    if (doc.info && doc.info.description) content.appendChild(el('p', 'desc', doc.info.description));
    var byTag = {};
    var order = (doc.tags || []).map(function (t) { return t.name; });
    Object.keys(doc.paths || {}).forEach(function (path) {
      var item = doc.paths[path];
      ['get', 'post', 'put', 'patch', 'delete'].forEach(function (method) {
        var op = item[method];
        if (!op) return;
        var tag = (op.tags && op.tags[0]) || 'other';
        if (order.indexOf(tag) < 0) order.push(tag);
        (byTag[tag] = byTag[tag] || []).push(renderOperation(path, method, op, item));
      });
    });
    order.forEach(function (tag) {
      if (!byTag[tag]) return;
      nav.appendChild(el('h3', null, tag));
      content.appendChild(el('h2', 'tag', tag));
      byTag[tag].forEach(function (section) {
        var link = el('a', null, section.querySelector('.method').textContent + ' ' + section.querySelector('.path').textContent);
        link.href = '#' + section.id;
        link.dataset.target = section.id;
        nav.appendChild(link);
        content.appendChild(section);
      });
    });
    if (doc.webhooks) {
      content.appendChild(el('h2', 'tag', 'webhooks'));
      nav.appendChild(el('h3', null, 'webhooks'));
      Object.keys(doc.webhooks).forEach(function (name) {
        var item = doc.webhooks[name];
        var op = item.post || {};
        var section = renderOperation(name, 'post', op, item);
        section.id = 'webhook-' + name;
        var link = el('a', null, name);
        link.href = '#' + section.id;
        nav.appendChild(link);
        content.appendChild(section);
      });
    }
    document.getElementById('filter').addEventListener('input', function (e) {
      var q = e.target.value.toLowerCase();
      Array.prototype.forEach.call(document.querySelectorAll('section.op'), function (s) {
        s.classList.toggle('hidden', q !== '' && (s.dataset.search || '').indexOf(q) < 0);
      });
    });
    document.body.dataset.ready = 'true';
  }
  fetch('/openapi.json').then(function (r) {
    if (!r.ok) throw new Error('HTTP ' + r.status);
    return r.json();
  }).then(function (json) { doc = json; render(); }).catch(function (e) {
    document.getElementById('subtitle').textContent = 'Could not load /openapi.json: ' + e.message;
    document.body.dataset.ready = 'error';
  });
})();
`;
