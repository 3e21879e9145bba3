/* Works with no signal: registers the site's service worker (sw.js) once the page has loaded and the browser is idle,
   and, on a copy opened without a network, says when it was saved. Stores nothing itself. */
(function () {
  "use strict";
  var script = document.currentScript;
  var worker = script && script.getAttribute("data-sw");
  if (worker && "serviceWorker" in navigator) {
    // After the page has loaded and the phone is idle: saving the site for offline use must not
    // compete with the page the reader came for on a slow connection.
    window.addEventListener("load", function () {
      var register = function () {
        navigator.serviceWorker.register(worker).catch(function () { /* the site works without it */ });
      };
      if ("requestIdleCallback" in window) window.requestIdleCallback(register, { timeout: 5000 });
      else window.setTimeout(register, 1000);
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
