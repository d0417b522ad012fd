/* alliance-kg view: tooltips, search box and drawing (no external libraries). */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);

  // ---- tooltips -------------------------------------------------------------------
  // Titles arrive as HTML fragments in which every text from an article was escaped in
  // Python (html.escape). They are parsed in an inert <template> (no script runs, no image
  // loads) and copied through a whitelist into fresh elements without attributes, so even
  // a fragment that somehow carried markup could not run anything. vis-network 9.1.2 shows
  // an Element title as DOM and a string title as plain text (innerText).
  var ALLOWED = { B: 1, I: 1, EM: 1, STRONG: 1, BR: 1, DIV: 1, SPAN: 1, SMALL: 1, UL: 1, LI: 1, P: 1 };
  function copyClean(src, dst) {
    for (var c = src.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        dst.appendChild(document.createTextNode(c.data));
      } else if (c.nodeType === 1) {
        var tag = c.tagName.toUpperCase();
        if (ALLOWED[tag]) {
          var el = document.createElement(tag.toLowerCase());
          var cls = c.getAttribute("class");
          if (cls && /^kg-[a-z-]+$/.test(cls)) { el.className = cls; }
          copyClean(c, el);
          dst.appendChild(el);
        } else {
          dst.appendChild(document.createTextNode(c.textContent));
        }
      }
    }
  }
  function tooltip(fragment) {
    var tpl = document.createElement("template");
    tpl.innerHTML = String(fragment);
    var out = document.createElement("div");
    out.className = "kg-tip";
    copyClean(tpl.content, out);
    return out;
  }
  var i;
  for (i = 0; i < data.nodes.length; i++) {
    if (typeof data.nodes[i].title === "string") { data.nodes[i].title = tooltip(data.nodes[i].title); }
  }
  for (i = 0; i < data.edges.length; i++) {
    if (typeof data.edges[i].title === "string") { data.edges[i].title = tooltip(data.edges[i].title); }
  }

  // ---- network --------------------------------------------------------------------
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  window.kg = { network: network, nodes: nodes, edges: edges };
  window.kgNetwork = network;

  // The page is ready (drawn, laid out, answering input) at the first drawing after the
  // layout settled; the time is kept in <html data-kg-ready="ms since navigation start">.
  var settling = !!(data.options.physics && data.options.physics.enabled) && data.nodes.length > 0;
  function onDrawn() {
    if (settling) { return; }
    network.off("afterDrawing", onDrawn);
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
      var node = data.nodes[f], hide = !!off[node.kgKind];
      if (!hide) { shown++; }
      if (hide !== !!hiddenNow[node.id]) {
        hiddenNow[node.id] = hide;
        updates.push({ id: node.id, hidden: hide });
      }
    }
    if (updates.length) { nodes.update(updates); }
    if (stats) {
      stats.textContent = shown === data.nodes.length ? statsText
        : statsText + " \u00b7 " + shown.toLocaleString("en") + " shown";
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
  var index = [];
  var seenLabels = {};
  var datalist = document.getElementById("kg-names");
  for (i = 0; i < data.nodes.length; i++) {
    var n = data.nodes[i];
    var names = (n.kgNames && n.kgNames.length) ? n.kgNames : [String(n.label)];
    var k = [];
    for (var j = 0; j < names.length; j++) { k = k.concat(keys(names[j])); }
    index.push({ id: n.id, label: String(n.label), keys: k, size: n.size || 0, kind: n.kgKind });
    if (!seenLabels[n.label]) {
      seenLabels[n.label] = true;
      var opt = document.createElement("option");
      opt.value = String(n.label);
      datalist.appendChild(opt);
    }
  }
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
  var input = document.getElementById("kg-search-input");
  var last = { query: null, hits: [], pos: -1 };
  document.getElementById("kg-search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var query = input.value;
    if (!query.trim()) { status.textContent = ""; return; }
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
    network.focus(hit.id, { scale: 1.5, animation: { duration: 500, easingFunction: "easeInOutQuad" } });
    status.textContent = (last.pos + 1) + "/" + last.hits.length + ": " + hit.label +
      (last.hits.length > 1 ? " (Find again for the next)" : "");
  });
})();
