// Draws every chart on the page with Plotly (served by this app from the plotly package).
// A chart is a <div data-chart="ID"> whose figure spec is in <script type="application/json" id="ID">;
// a spec with "click": "link" opens the URL in a clicked point's customdata.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-chart]").forEach(function (el) {
    var source = document.getElementById(el.dataset.chart);
    if (!source || typeof Plotly === "undefined") { return; }
    var spec = JSON.parse(source.textContent);
    if (!spec) { return; }
    Plotly.newPlot(el, spec.data, spec.layout, {displaylogo: false, responsive: true}).then(function () {
      el.dataset.rendered = "true";
    });
    if (spec.click === "link") {
      el.on("plotly_click", function (event) {
        var url = event.points.length ? event.points[0].customdata : null;
        if (typeof url === "string" && url.charAt(0) === "/") { window.location.assign(url); }
      });
    }
  });
});
