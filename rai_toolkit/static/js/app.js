// Small behaviours for server-rendered pages; every page also works without this file.
(function () {
  "use strict";
  // Controls only needed without JavaScript (e.g. "Save answer" where answers save on change).
  document.documentElement.classList.add("js");

  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }

  ready(function () {
    // After a failed submission, move focus to the error summary so it is read out first.
    var summary = document.querySelector(".error-summary");
    if (summary) { summary.focus(); }

    // A submission kept across a sign-in is sent again without another click.
    var pending = document.querySelector("form[data-autosubmit]");
    if (pending) { pending.submit(); }
  });
})();

(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    // Glossary terms explained in place (keyboard focus shows them too).
    if (window.bootstrap) {
      document.querySelectorAll('[data-bs-toggle="tooltip"]').forEach(function (el) {
        new window.bootstrap.Tooltip(el);
      });
    }
    document.querySelectorAll("[data-print]").forEach(function (el) {
      el.addEventListener("click", function (event) { event.preventDefault(); window.print(); });
    });
  });
})();

(function () {
  "use strict";
  // Screening: the live outcome lists the questions that do not apply; hide those, show the rest.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (!target || target.id !== "screening-outcome") { return; }
    var outcome = document.getElementById("screening-outcome");  // the swapped-in element
    var hidden = (outcome.getAttribute("data-hidden") || "").split(" ");
    document.querySelectorAll(".screening-question[data-name]").forEach(function (el) {
      el.classList.toggle("is-hidden", hidden.indexOf(el.getAttribute("data-name")) !== -1);
    });
  });
})();
