/* Works with no signal: registers the site's service worker (sw.js) after the page has loaded,
   and, on a copy opened without a network, says when it was saved. Stores nothing itself. */
(function () {
  "use strict";
  var script = document.currentScript;
  var worker = script && script.getAttribute("data-sw");
  if (worker && "serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register(worker).catch(function () { /* the site works without it */ });
    });
  }
  function notice() {
    if (navigator.onLine) return;
    var box = document.querySelector(".bd-offline");
    if (!box) return;
    var saved = new Date(document.lastModified);
    var on = (script && script.getAttribute("data-on")) || " on ";
    var when = isNaN(saved) ? "" : on + saved.toLocaleDateString(document.documentElement.lang || "en", { day: "numeric", month: "long", year: "numeric" });
    var words = (script && script.getAttribute("data-notice")) || "You are offline. This copy was saved{when}; it may be out of date.";
    box.textContent = words.replace("{when}", when);
    box.hidden = false;
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", notice);
  else notice();
})();
