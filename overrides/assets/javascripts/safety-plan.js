/* My safety plan (safety/my-safety-plan.md). Nothing is stored or sent: no storage, no cookies,
   no network. The script only
   - copies each entry into a print-only line beside its field, so long entries print in full;
   - marks the steps the reader has filled in: on paper they show the entries only, and the steps
     left empty keep blank lines to write on (so the plan stays on one page);
   - starts with an empty form (browsers may restore typed text on reload or Back);
   - shows the "Print my plan" button and prints.
   Without it the page is a blank plan that prints with lines to fill in by hand. */
(function () {
  "use strict";
  var form = document.getElementById("bd-plan");
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
    var empty = field.value.trim() === "";
    line.parentNode.classList.toggle("bd-field--empty", empty);
  }

  function markSteps() {
    Array.prototype.forEach.call(form.querySelectorAll("fieldset"), function (step) {
      Array.prototype.forEach.call(step.querySelectorAll(".bd-pair"), function (pair) {
        pair.classList.toggle("bd-pair--empty", !pair.querySelector(".bd-field:not(.bd-field--empty)"));
      });
      step.classList.toggle("bd-plan__step--filled", !!step.querySelector(".bd-field:not(.bd-field--empty)"));
    });
  }

  function syncAll() { fields.forEach(mirror); markSteps(); }

  function clear() {
    form.reset();
    syncAll();
  }

  fields.forEach(function (field) {
    field.addEventListener("input", function () { mirror(field); markSteps(); });
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.classList.add("bd-tool--js");
  clear();
  window.addEventListener("beforeprint", syncAll);
  window.addEventListener("pageshow", function (event) { if (event.persisted) { clear(); } });

  var button = document.getElementById("bd-plan-print");
  if (button) {
    button.hidden = false;
    button.addEventListener("click", function () { syncAll(); window.print(); });
  }
})();
