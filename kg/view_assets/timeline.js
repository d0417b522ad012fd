/* alliance-kg timeline: items, tooltips, kind filter and the undated list (vis-timeline inlined). */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var SEP = " \u00b7 ";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function when(info) {
    if (!info.f) { return "no date"; }
    if (info.t && info.t !== info.f) { return info.f + " \u2013 " + info.t; }
    return info.f;
  }

  // ---- timeline ---------------------------------------------------------------------
  // Labels and line names are text nodes (vis-timeline's HTML content is never used).
  var items = new vis.DataSet(data.items);
  var groups = new vis.DataSet(data.groups);
  var container = document.getElementById("kg-timeline");
  var options = {
    stack: true,
    zoomKey: "ctrlKey",
    orientation: { axis: "both" },
    maxHeight: Math.max(300, window.innerHeight - 120),
    template: function (item) { return el("span", "kg-label", item ? item.text : ""); },
    groupTemplate: function (group) { return el("span", "kg-line", group ? group.text : ""); },
    showTooltips: false
  };
  // room around the items, so that the labels at either end stay in view
  if (data.items.length) {
    var lo = Infinity, hi = -Infinity;
    data.items.forEach(function (it) {
      lo = Math.min(lo, Date.parse(it.start));
      hi = Math.max(hi, Date.parse(it.end || it.start));
    });
    var pad = Math.max((hi - lo) * 0.15, 45 * 864e5);
    options.start = new Date(lo - pad);
    options.end = new Date(hi + pad);
  }
  var timeline = new vis.Timeline(container, items, groups, options);
  window.kg = { timeline: timeline, items: items, groups: groups, data: data };

  var ready = false;
  function markReady() {
    if (ready) { return; }
    ready = true;
    document.documentElement.setAttribute("data-kg-ready", String(Math.round(performance.now())));
  }
  timeline.on("changed", markReady);
  if (!data.items.length) { markReady(); }

  // ---- tooltips -------------------------------------------------------------------
  var tip = el("div", "kg-tip");
  tip.id = "kg-tooltip";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  document.body.appendChild(tip);

  function tipOf(info) {
    var box = el("div");
    var head = el("div", "kg-title");
    head.appendChild(el("b", null, info.l));
    box.appendChild(head);
    box.appendChild(el("div", "kg-kind", (info.k === "post" ? "post" : "meeting") + SEP + when(info)));
    if (info.w) { box.appendChild(el("div", "kg-who", info.w)); }
    if (info.s) {
      var ev = el("div", "kg-ev");
      ev.appendChild(el("div", "kg-sentence", "\u201c" + info.s + "\u201d"));
      var source = [info.a, info.d].filter(Boolean).join(SEP);
      if (info.n > 1) { source += (source ? SEP : "") + info.n + " articles"; }
      if (source) { ev.appendChild(el("small", "kg-source", source)); }
      box.appendChild(ev);
    }
    box.appendChild(el("div", "kg-iri", info.i));
    return box;
  }
  function place(x, y) {
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var left = Math.min(x + 14, window.innerWidth - w - 8), top = y + 16;
    if (top + h > window.innerHeight - 8) { top = Math.max(8, y - h - 12); }
    tip.style.left = Math.max(8, left) + "px";
    tip.style.top = top + "px";
  }
  timeline.on("itemover", function (props) {
    var info = data.info[props.item];
    if (!info) { return; }
    tip.replaceChildren(tipOf(info));
    tip.hidden = false;
    place(props.event.clientX, props.event.clientY);
  });
  timeline.on("itemout", function () { tip.hidden = true; });

  // ---- the kind filter ----------------------------------------------------------------
  var boxes = document.querySelectorAll("#kg-legend input[data-kind]");
  function filter() {
    var shown = {};
    boxes.forEach(function (b) { shown[b.getAttribute("data-kind")] = b.checked; });
    var keep = data.items.filter(function (it) { return shown[data.info[it.id].k] !== false; });
    items.clear();
    items.add(keep);
  }
  boxes.forEach(function (b) { b.addEventListener("change", filter); });

  // ---- what has no date ---------------------------------------------------------------
  if (data.undated.length) {
    var list = document.getElementById("kg-undated");
    data.undated.forEach(function (info) {
      var li = el("li");
      li.appendChild(el("b", null, info.l));
      var parts = [info.k, info.w].filter(Boolean).join(SEP);
      if (parts) { li.appendChild(document.createTextNode(" (" + parts + ")")); }
      if (info.s) { li.appendChild(el("div", "kg-sentence", "\u201c" + info.s + "\u201d")); }
      list.appendChild(li);
    });
    document.getElementById("kg-undated-box").hidden = false;
  }
})();
