/* Questions to ask a treatment program (treatment/questions-to-ask.md). Nothing is stored or
   sent: no storage, no cookies, no network. The script only
   - copies each entry into a print-only line beside its field, so long entries print in full;
   - starts with an empty form (browsers may restore typed text on reload or Back);
   - shows the "Print my list" button and prints.
   Without it the tick boxes still work, and the browser's own Print prints them. */
(function () {
  "use strict";
  var form = document.getElementById("bd-checklist");
  if (!form) { return; }
  var fields = Array.prototype.slice.call(form.querySelectorAll("input[type=text], input[type=tel], textarea"));

  function mirror(field) {
    var line = field.nextElementSibling;
    if (!line || !line.classList.contains("bd-print-value")) {
      line = document.createElement("span");
      line.className = "bd-print-value";
      line.setAttribute("aria-hidden", "true");
      field.insertAdjacentElement("afterend", line);
    }
    line.textContent = field.value;
  }

  function syncAll() { fields.forEach(mirror); }

  function clear() {
    form.reset();
    syncAll();
  }

  fields.forEach(function (field) {
    field.addEventListener("input", function () { mirror(field); });
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.classList.add("bd-tool--js");
  clear();
  window.addEventListener("beforeprint", syncAll);
  window.addEventListener("pageshow", function (event) { if (event.persisted) { clear(); } });

  var button = document.getElementById("bd-checklist-print");
  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () { syncAll(); window.print(); });
  }
})();
