/* My safety plan (safety/my-safety-plan.md), after print-form.js (which copies the entries into
   print lines and prints). This script only marks the steps the reader has filled in: on paper
   they show the entries only, and the steps left empty keep blank lines to write on (so the plan
   stays on one page). Nothing is stored or sent. */
(function () {
  "use strict";
  var form = document.getElementById("bd-plan");
  if (!form) { return; }

  function markSteps() {
    Array.prototype.forEach.call(form.querySelectorAll("fieldset"), function (step) {
      Array.prototype.forEach.call(step.querySelectorAll(".bd-pair"), function (pair) {
        pair.classList.toggle("bd-pair--empty", !pair.querySelector(".bd-field:not(.bd-field--empty)"));
      });
      step.classList.toggle("bd-plan__step--filled", !!step.querySelector(".bd-field:not(.bd-field--empty)"));
    });
  }

  form.addEventListener("bd:synced", markSteps);
  markSteps();  // print-form.js ran first and has already emptied the form
})();
