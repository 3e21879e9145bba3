/* Mood check (docs/understand/mood-check.md): scores the nine PHQ-9 answers in the page.
 *
 * Privacy: nothing is stored or sent. No storage APIs, no cookies, no network requests; the
 * form uses method="dialog", so even without this script an Enter key press sends nothing.
 * Words and numbers live in the page, not here: the score ranges and advice come from the
 * .mc-band blocks, and the crisis help (988, 911) is a hidden block written with the site's
 * help-line shortcodes, which this script only shows or hides. Plain ES2017, no libraries.
 */
(function () {
  "use strict";

  const form = document.getElementById("mc-form");
  if (!form) return;

  const root = document.documentElement;
  const questions = Array.from(form.querySelectorAll("fieldset.mc-q"));
  const errors = document.getElementById("mc-errors");
  const errorList = errors.querySelector(".mc-errors__list");
  const crisis = document.getElementById("mc-crisis");
  const live = document.getElementById("mc-live");
  const result = document.getElementById("mc-result");
  const sheet = document.getElementById("mc-sheet");
  const bands = Array.from(document.querySelectorAll(".mc-band"));
  const crisisItem = form.querySelector("fieldset[data-crisis-item]");

  function chosen(fieldset) {
    return fieldset.querySelector("input[type=radio]:checked");
  }

  function questionText(fieldset) {
    return fieldset.querySelector(".mc-q__text").textContent.trim();
  }

  function answerText(input) {
    return form.querySelector('label[for="' + input.id + '"] .mc-opt__answer').textContent.trim();
  }

  function total() {
    return questions.reduce((sum, q) => sum + (chosen(q) ? Number(chosen(q).value) : 0), 0);
  }

  function missing() {
    return questions.filter((q) => !chosen(q));
  }

  function bandFor(score) {
    return bands.find((b) => score >= Number(b.dataset.min) && score <= Number(b.dataset.max));
  }

  function crisisAnswered() {
    const answer = crisisItem && chosen(crisisItem);
    return Boolean(answer && Number(answer.value) > 0);
  }

  function announce(text) {
    live.textContent = "";
    // A fresh text node after a tick, so screen readers announce it even when it repeats.
    window.setTimeout(() => { live.textContent = text; }, 50);
  }

  /* Question 9: any answer above "Not at all" shows the crisis help at once, whatever the total. */
  function updateCrisis() {
    const show = crisisAnswered();
    if (show && crisis.hidden) {
      crisis.hidden = false;
      announce(crisis.dataset.announce);
    } else if (!show) {
      crisis.hidden = true;
    }
    result.querySelector(".mc-result__q9").hidden = !show;
    sheet.querySelector(".mc-sheet__q9").hidden = !show;
  }

  /* Errors: a summary at the top of the form (role="alert") that links to each unanswered
     question, and a line inside each of those questions. */
  function markQuestion(fieldset, on) {
    const id = fieldset.id + "-error";
    let note = document.getElementById(id);
    fieldset.classList.toggle("mc-q--error", on);
    if (on && !note) {
      note = document.createElement("p");
      note.id = id;
      note.className = "mc-q__error";
      note.textContent = "Choose one answer for this question.";
      fieldset.querySelector("legend").insertAdjacentElement("afterend", note);
      fieldset.setAttribute("aria-describedby", id);
    } else if (!on && note) {
      note.remove();
      fieldset.removeAttribute("aria-describedby");
    }
  }

  function showErrors(unanswered) {
    errorList.textContent = "";
    unanswered.forEach((q) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = "#" + q.id;
      link.textContent = "Question " + q.querySelector(".mc-q__num").textContent.replace(".", "");
      item.appendChild(link);
      errorList.appendChild(item);
    });
    questions.forEach((q) => markQuestion(q, unanswered.includes(q)));
    errors.hidden = false;
    errors.focus();
  }

  function hideErrors() {
    errors.hidden = true;
    errorList.textContent = "";
    questions.forEach((q) => markQuestion(q, false));
  }

  errorList.addEventListener("click", (event) => {
    const link = event.target.closest("a");
    if (!link) return;
    event.preventDefault();
    const fieldset = document.getElementById(link.getAttribute("href").slice(1));
    fieldset.scrollIntoView({ block: "start" });
    fieldset.querySelector("input[type=radio]").focus();
  });

  /* The printed sheet: each question with the chosen answer, the total, the range and the date. */
  function buildSheet() {
    const body = sheet.querySelector("tbody");
    body.textContent = "";
    questions.forEach((q, index) => {
      const answer = chosen(q);
      const row = document.createElement("tr");
      [String(index + 1) + ". " + questionText(q), answer ? answerText(answer) : "No answer", answer ? answer.value : ""]
        .forEach((text) => {
          const cell = document.createElement("td");
          cell.textContent = text;
          row.appendChild(cell);
        });
      body.appendChild(row);
    });
    const score = total();
    const band = bandFor(score);
    sheet.querySelector(".mc-sheet__total").textContent = String(score);
    sheet.querySelector(".mc-sheet__band").textContent = band ? band.dataset.name : "";
    sheet.querySelector(".mc-sheet__advice").textContent = band ? band.querySelector(".mc-band__advice").textContent.trim() : "";
    sheet.querySelector(".mc-sheet__date").textContent =
      new Date().toLocaleDateString("en-US", { year: "numeric", month: "long", day: "numeric" });
  }

  function showResult(moveFocus) {
    const score = total();
    const band = bandFor(score);
    result.querySelector(".mc-result__total").textContent = String(score);
    result.querySelector(".mc-result__band").textContent = band.dataset.name;
    result.querySelector(".mc-result__advice").textContent = band.querySelector(".mc-band__advice").textContent.trim();
    bands.forEach((b) => b.classList.toggle("mc-band--yours", b === band));
    result.hidden = false;
    root.classList.add("mc-has-result");
    buildSheet();
    if (moveFocus) {
      result.focus();
    }
  }

  function clearAll() {
    form.reset();
    hideErrors();
    crisis.hidden = true;
    result.hidden = true;
    result.querySelector(".mc-result__q9").hidden = true;
    sheet.querySelector(".mc-sheet__q9").hidden = true;
    bands.forEach((b) => b.classList.remove("mc-band--yours"));
    root.classList.remove("mc-has-result");
    live.textContent = "";
  }

  form.addEventListener("change", (event) => {
    const fieldset = event.target.closest("fieldset.mc-q");
    if (fieldset) markQuestion(fieldset, false);
    if (!errors.hidden) {
      const unanswered = missing();
      if (unanswered.length === 0) {
        hideErrors();
      } else {
        Array.from(errorList.querySelectorAll("a")).forEach((link) => {
          if (!unanswered.some((q) => link.getAttribute("href") === "#" + q.id)) link.parentElement.remove();
        });
      }
    }
    updateCrisis();
    if (!result.hidden && missing().length === 0) showResult(false);
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const unanswered = missing();
    if (unanswered.length) {
      showErrors(unanswered);
      return;
    }
    hideErrors();
    showResult(true);
  });

  result.querySelector(".mc-print").addEventListener("click", () => {
    buildSheet();
    window.print();
  });

  result.querySelector(".mc-clear").addEventListener("click", () => {
    clearAll();
    questions[0].querySelector("input[type=radio]").focus();
  });

  window.addEventListener("beforeprint", () => {
    if (!result.hidden) buildSheet();
  });

  // Coming back through the browser's history must not show someone else's answers.
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) clearAll();
  });

  clearAll();
  document.querySelectorAll(".mc-js-only").forEach((el) => { el.hidden = false; });
  root.classList.add("mc-js");
})();
