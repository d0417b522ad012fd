/* alliance-kg view: network, tooltips, class filter and search box (no external libraries). */
(function () {
  "use strict";
  // performance marks (kg-*) let the benchmark tell where load time goes
  performance.mark("kg-start");
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  performance.mark("kg-parsed");
  var SEP = " \u00b7 ";
  var nodeIndex = {};  // node id -> position in data.nodes / data.info.nodes
  var edgeIndex = {};
  var i;
  for (i = 0; i < data.nodes.length; i++) { nodeIndex[data.nodes[i].id] = i; }
  for (i = 0; i < data.edges.length; i++) { edgeIndex[data.edges[i].id] = i; }

  // ---- network --------------------------------------------------------------------
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  performance.mark("kg-datasets");
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  performance.mark("kg-network");
  window.kg = { network: network, nodes: nodes, edges: edges };
  window.kgNetwork = network;

  // The page is ready (drawn, laid out, answering input) at the first drawing after the
  // layout settled; the time is kept in <html data-kg-ready="ms since navigation start">.
  var settling = !!(data.options.physics && data.options.physics.enabled) && data.nodes.length > 0;
  function onDrawn() {
    if (settling) { return; }
    network.off("afterDrawing", onDrawn);
    performance.mark("kg-ready");
    document.documentElement.setAttribute("data-kg-ready", String(Math.round(performance.now())));
  }
  network.on("afterDrawing", onDrawn);
  if (settling) {
    // lay out once, then freeze so the drawing stops moving
    network.once("stabilizationIterationsDone", function () {
      settling = false;
      network.setOptions({ physics: { enabled: false } });
      network.redraw();
    });
  } else if (!data.nodes.length) {
    onDrawn();
  }
  if (data.focus && data.focus.length) { network.selectNodes(data.focus); }
  // vis-network follows window resizes only; the header may wrap and change the drawing's size
  if (window.ResizeObserver) {
    var lastSize = container.clientWidth + "x" + container.clientHeight;
    new ResizeObserver(function () {
      var size = container.clientWidth + "x" + container.clientHeight;
      if (size !== lastSize) { lastSize = size; network.setSize("100%", "100%"); network.redraw(); }
    }).observe(container);
  }

  // ---- tooltips -------------------------------------------------------------------
  // Built when the pointer rests on a node or an edge, from createElement + textContent
  // only: no text from an article is ever parsed as HTML.
  var tip = document.createElement("div");
  tip.id = "kg-tooltip";
  tip.className = "kg-tip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  container.appendChild(tip);

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function evidenceBlock(box, refs) {
    if (!refs || !refs.length) { return; }
    var head = el("div", "kg-h");
    head.appendChild(el("b", null, "Evidence"));
    head.appendChild(document.createTextNode(" (" + refs.length + ")"));
    box.appendChild(head);
    for (var r = 0; r < refs.length && r < data.evidenceShown; r++) {
      var s = data.sentences[refs[r]], art = data.articles[s[1]] || ["", "", ""];
      var item = el("div", "kg-ev");
      item.appendChild(el("div", "kg-sentence", "\u201c" + s[0] + "\u201d"));
      var source = [art[0], art[1]].filter(Boolean).join(SEP);
      if (source) { item.appendChild(el("small", "kg-source", source)); }
      if (art[2]) { item.appendChild(el("br")); item.appendChild(el("small", "kg-url", art[2])); }
      box.appendChild(item);
    }
    if (refs.length > data.evidenceShown) {
      box.appendChild(el("div", "kg-more", "and " + (refs.length - data.evidenceShown) + " more"));
    }
  }
  function nodeTip(id) {
    var info = data.info.nodes[nodeIndex[id]];
    var box = el("div");
    var label = labelOf(nodeIndex[id]);
    var titleRow = el("div", "kg-title");
    titleRow.appendChild(el("b", null, label));
    box.appendChild(titleRow);
    box.appendChild(el("div", "kg-kind", data.kinds[info.k] || info.k));
    var others = info.n.filter(function (x) { return x !== label; });
    if (others.length) { box.appendChild(el("div", "kg-names", "Also: " + others.join(", "))); }
    if (info.d) { box.appendChild(el("div", "kg-date", info.d)); }
    if (info.r && info.r.length) {
      var h = el("div", "kg-h");
      h.appendChild(el("b", null, "Roles"));
      box.appendChild(h);
      var ul = el("ul", "kg-roles");
      info.r.forEach(function (role) { ul.appendChild(el("li", null, role)); });
      box.appendChild(ul);
    }
    if (info.p && info.p.length) {
      var props = el("ul", "kg-props");
      info.p.forEach(function (p) { props.appendChild(el("li", null, p)); });
      box.appendChild(props);
    }
    if (info.m) { box.appendChild(el("div", "kg-metrics", info.m)); }
    evidenceBlock(box, info.e);
    box.appendChild(el("div", "kg-iri", info.i));
    return box;
  }
  function labelOf(k) {  // the entity's name (a meeting's drawn label also has its date)
    return String(data.info.nodes[k].l || data.nodes[k].label);
  }
  function nodeName(id) {
    var k = nodeIndex[id];
    return k === undefined ? String(id) : labelOf(k);
  }
  function edgeTip(id) {
    var e = data.edges[edgeIndex[id]], info = data.info.edges[edgeIndex[id]];
    var box = el("div");
    var titleRow = el("div", "kg-title");
    titleRow.appendChild(el("b", null, nodeName(e.from)));
    titleRow.appendChild(document.createTextNode(" \u2014 " + e.label + " \u2192 "));
    titleRow.appendChild(el("b", null, nodeName(e.to)));
    box.appendChild(titleRow);
    if (info.c !== undefined) { box.appendChild(el("div", "kg-metrics", "confidence " + info.c)); }
    if (info.n !== undefined) { box.appendChild(el("div", "kg-metrics", info.n + " rows")); }
    evidenceBlock(box, info.e);
    return box;
  }
  var tipTimer = null;
  function hideTip() {
    if (tipTimer) { clearTimeout(tipTimer); tipTimer = null; }
    tip.hidden = true;
  }
  function showTip(build, id, pointer) {
    hideTip();
    tipTimer = setTimeout(function () {
      tipTimer = null;
      tip.textContent = "";
      tip.appendChild(build(id));
      tip.hidden = false;
      var w = container.clientWidth, h = container.clientHeight;
      var x = Math.min(pointer.x + 14, Math.max(0, w - tip.offsetWidth - 4));
      var y = pointer.y + 14 + tip.offsetHeight > h ? Math.max(0, pointer.y - tip.offsetHeight - 10) : pointer.y + 14;
      tip.style.left = x + "px";
      tip.style.top = y + "px";
    }, data.options.interaction.tooltipDelay || 0);
  }
  network.on("hoverNode", function (p) { showTip(nodeTip, p.node, p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTip(edgeTip, p.edge, p.pointer.DOM); });
  ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (ev) { network.on(ev, hideTip); });
  container.addEventListener("mouseleave", hideTip);

  // ---- class filter (the legend's check boxes) --------------------------------------
  var filters = Array.prototype.slice.call(document.querySelectorAll("input.kg-kind-filter"));
  var hiddenNow = {};
  var stats = document.getElementById("kg-stats");
  var statsText = stats ? stats.textContent : "";
  function applyFilter() {
    var off = {};
    filters.forEach(function (box) { if (!box.checked) { off[box.value] = true; } });
    var updates = [], shown = 0;
    for (var f = 0; f < data.nodes.length; f++) {
      var id = data.nodes[f].id, hide = !!off[data.info.nodes[f].k];
      if (!hide) { shown++; }
      if (hide !== !!hiddenNow[id]) {
        hiddenNow[id] = hide;
        updates.push({ id: id, hidden: hide });
      }
    }
    hideTip();
    if (updates.length) { nodes.update(updates); }
    if (stats) {
      stats.textContent = shown === data.nodes.length ? statsText
        : statsText + SEP + shown.toLocaleString("en") + " shown";
    }
  }
  filters.forEach(function (box) { box.addEventListener("change", applyFilter); });
  function reveal(kind) {
    filters.forEach(function (box) { if (box.value === kind && !box.checked) { box.checked = true; applyFilter(); } });
  }

  // ---- search ---------------------------------------------------------------------
  function strip(s) { return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, ""); }
  function keys(s) {
    s = String(s).normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
    var t = s.replace(/\u00e4/g, "ae").replace(/\u00f6/g, "oe").replace(/\u00fc/g, "ue").replace(/\u00df/g, "ss");
    return t === s ? [strip(s)] : [strip(s), strip(t)];
  }
  var index = null;  // built on the first search, so loading stays fast
  function buildIndex() {
    index = [];
    for (var x = 0; x < data.nodes.length; x++) {
      var names = data.info.nodes[x].n, k = [];
      for (var j = 0; j < names.length; j++) { k = k.concat(keys(names[j])); }
      index.push({ id: data.nodes[x].id, label: labelOf(x), keys: k, size: data.nodes[x].size || 0,
                   kind: data.info.nodes[x].k });
    }
  }
  var datalist = document.getElementById("kg-names");
  var input = document.getElementById("kg-search-input");
  input.addEventListener("focus", function fill() {
    // suggestions for the search box, added when it is first used
    input.removeEventListener("focus", fill);
    var seen = {}, frag = document.createDocumentFragment();
    for (var x = 0; x < data.nodes.length; x++) {
      var label = labelOf(x);
      if (!seen[label]) {
        seen[label] = true;
        var opt = document.createElement("option");
        opt.value = label;
        frag.appendChild(opt);
      }
    }
    datalist.appendChild(frag);
  });
  function rank(entry, qs) {
    var best = 9;
    for (var a = 0; a < qs.length; a++) {
      for (var b = 0; b < entry.keys.length; b++) {
        var key = entry.keys[b], q = qs[a], r = 9;
        if (key === q) { r = 0; }
        else if (key.indexOf(q) === 0) { r = 1; }
        else if (key.indexOf(" " + q) >= 0) { r = 2; }
        else if (key.indexOf(q) > 0) { r = 3; }
        if (r < best) { best = r; }
      }
    }
    return best;
  }
  var status = document.getElementById("kg-search-status");
  var last = { query: null, hits: [], pos: -1 };
  document.getElementById("kg-search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var query = input.value;
    if (!query.trim()) { status.textContent = ""; return; }
    if (index === null) { buildIndex(); }
    if (query !== last.query) {
      var qs = keys(query);
      var hits = [];
      for (var x = 0; x < index.length; x++) {
        var r = rank(index[x], qs);
        if (r < 9) { hits.push({ entry: index[x], rank: r }); }
      }
      hits.sort(function (p, q) { return (p.rank - q.rank) || (q.entry.size - p.entry.size); });
      last = { query: query, hits: hits, pos: -1 };
    }
    if (!last.hits.length) { status.textContent = "No node named \u201c" + query + "\u201d"; return; }
    last.pos = (last.pos + 1) % last.hits.length;
    var hit = last.hits[last.pos].entry;
    reveal(hit.kind);
    network.selectNodes([hit.id]);
    network.focus(hit.id, { scale: 1.5, animation: data.animate ? { duration: 500, easingFunction: "easeInOutQuad" } : false });
    status.textContent = (last.pos + 1) + "/" + last.hits.length + ": " + hit.label +
      (last.hits.length > 1 ? " (Find again for the next)" : "");
  });
})();
