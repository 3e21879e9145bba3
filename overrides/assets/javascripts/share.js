/* "Share this page" and "Print" under every page. Share uses the device's own share sheet where
   there is one and copies the link otherwise: no third-party buttons, no requests, nothing kept.
   The buttons stay hidden without JavaScript (printing from the browser still works). */
(function () {
  "use strict";
  function setup() {
    var share = document.querySelector("[data-bd-share]");
    var print = document.querySelector("[data-bd-print]");
    var status = document.querySelector(".bd-share__status");
    if (print) {
      print.hidden = false;
      print.addEventListener("click", function () { window.print(); });
    }
    var canCopy = navigator.clipboard && window.isSecureContext;
    if (share && (navigator.share || canCopy)) {
      share.hidden = false;
      share.addEventListener("click", function () {
        var url = location.href.split("#")[0];
        if (navigator.share) {
          navigator.share({ title: document.title, url: url }).catch(function () { /* closed by the reader */ });
          return;
        }
        navigator.clipboard.writeText(url).then(
          function () { status.textContent = status.getAttribute("data-copied") || "Link copied. You can paste it into a message."; },
          function () { status.textContent = (status.getAttribute("data-copy-this") || "Copy this link: ") + url; }
        );
      });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
