/* Beyond Detox search helpers, on top of Material's own search (lunr, in the browser only).
   1. The search index is downloaded only when the reader opens search: Material asks for it by
      XMLHttpRequest as the page loads; we hold that request until the search box gets focus.
   2. A search with crisis words (data/search-words.yml `crisis_words`) shows the crisis numbers
      above the results.
   3. A search with no results says so kindly, suggests other words and links help.
   Loaded in <head> before Material's bundle, as a file (no inline script: the strict CSP allows it). */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json(\?|$)/;
  var released = false;
  var held = [];
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.bdSearchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.bdSearchIndex && !released) {
      held.push([this, arguments]);
      return undefined;
    }
    return send.apply(this, arguments);
  };
  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (call) { send.apply(call[0], call[1]); });
  }
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("input.md-search__input")) release();
  });
  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) release();
  });

  function setup() {
    var template = document.getElementById("bd-search-help");
    var input = document.querySelector("input.md-search__input");
    var result = document.querySelector(".md-search-result");
    var meta = document.querySelector(".md-search-result__meta");
    var list = document.querySelector(".md-search-result__list");
    if (!template || !input || !result || !meta || !list) return;
    var help = template.content.firstElementChild.cloneNode(true);
    result.insertBefore(help, list);
    var crisis = help.querySelector(".bd-search-help__crisis");
    var none = help.querySelector(".bd-search-help__none");
    var words = JSON.parse(template.getAttribute("data-crisis-words") || "[]");
    // Material's "Initializing search" / "Type to start searching", in the page's language.
    var busy = new RegExp(template.getAttribute("data-busy") || "Initializing|Type to start");

    function hasCrisisWord(text) {
      var query = " " + text.toLowerCase().replace(/[^a-z0-9'’ áéíóúüñ]+/g, " ") + " ";
      return words.some(function (word) { return query.indexOf(" " + word + " ") !== -1; });
    }
    function update() {
      var text = input.value.trim();
      crisis.hidden = !(text && hasCrisisWord(text));
      none.hidden = !(text && released && list.children.length === 0 && !busy.test(meta.textContent));
    }
    input.addEventListener("input", update);
    input.addEventListener("keyup", update);
    new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true });
    update();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
