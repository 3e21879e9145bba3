/* Printable forms (the tools: questions to ask a program, my safety plan). Nothing is stored or
   sent: no storage, no cookies, no network. For the form named by this script tag's data-form,
   the script only
   - copies each entry into a print-only line beside its field (marked empty or not), so long
     entries print in full;
   - starts with an empty form (browsers may restore typed text on reload or Back);
   - shows the print button named by data-button, and prints;
   - tells page scripts that the print lines changed (a "bd:synced" event on the form).
   Without it the form still works, and the browser's own Print prints it. */
(function () {
  "use strict";
  var script = document.currentScript;
  var form = script && document.getElementById(script.getAttribute("data-form"));
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
    line.parentNode.classList.toggle("bd-field--empty", field.value.trim() === "");
  }

  function synced() { form.dispatchEvent(new Event("bd:synced")); }
  function syncAll() { fields.forEach(mirror); synced(); }

  function clear() {
    form.reset();
    syncAll();
  }

  fields.forEach(function (field) {
    field.addEventListener("input", function () { mirror(field); synced(); });
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.classList.add("bd-tool--js");
  clear();
  window.addEventListener("beforeprint", syncAll);
  window.addEventListener("pageshow", function (event) { if (event.persisted) { clear(); } });

  var button = document.getElementById(script.getAttribute("data-button"));
  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () { syncAll(); window.print(); });
  }
})();
