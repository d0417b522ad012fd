// The query editor of kg serve: YASGUI on this server's /sparql, one tab per named query.
// Data is only ever set as text (textContent, attribute values); nothing here builds HTML.
(function () {
  "use strict";
  const config = JSON.parse(document.getElementById("kg-config").textContent);
  const endpoint = window.location.origin + "/sparql";
  const prefixes = config.prefixes;

  // completions come from this server only: the kg prefixes (in prefix.cc's format) and the
  // query's own variables; the property and class completers would ask a web service
  Yasgui.Yasqe.defaults.prefixCcApi = window.location.origin + "/prefixes.json";
  Yasgui.Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  Yasgui.defaults.yasqe.prefixCcApi = Yasgui.Yasqe.defaults.prefixCcApi;
  Yasgui.defaults.yasqe.autocompleters = ["prefixes", "variables"];

  const yasgui = new Yasgui(document.getElementById("kg-yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,          // a fresh editor each time: the tabs are the named queries
    populateFromUrl: false,
    autoAddOnInit: false,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }], keys: [] },
    yasqe: { persistenceId: null },
    yasr: { prefixes: prefixes, persistenceId: null, defaultPlugin: "table" },
  });
  config.queries.forEach(function (q, i) {
    yasgui.addTab(i === 0, { name: q.name, yasqe: { value: q.editor },
                             requestConfig: { endpoint: endpoint, method: "POST" } });
  });
  if (!config.queries.length) {
    yasgui.addTab(true, { name: "Query", requestConfig: { endpoint: endpoint, method: "POST" } });
  }
  window.kgYasgui = yasgui;

  // IRIs the graph minted open their page on this server (not on the web)
  function localise(root) {
    root.querySelectorAll("a[href]").forEach(function (a) {
      const href = a.getAttribute("href");
      if (href && href.indexOf(config.base) === 0) {
        a.setAttribute("href", "/id/" + href.slice(config.base.length));
        a.removeAttribute("target");
        a.classList.add("kg-local");
      }
    });
  }
  const root = document.getElementById("kg-yasgui");
  new MutationObserver(function () { localise(root); }).observe(root, { childList: true, subtree: true });

  // "Draw result as graph": the query of the open tab, drawn by the server as kg view --query does
  document.getElementById("kg-draw").addEventListener("submit", function () {
    document.getElementById("kg-draw-query").value = yasgui.getTab().getQuery();
  });
  document.documentElement.setAttribute("data-kg-ready", "");
})();
