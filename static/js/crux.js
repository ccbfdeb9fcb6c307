// Crux works without JavaScript; this file only enhances pages that are already complete.
(function () {
  "use strict";
  // htmx: keep the CSRF token of the page on requests htmx makes itself (forms already carry it).
  document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta && !event.detail.parameters._csrf) {
      event.detail.headers["X-CSRF-Token"] = meta.getAttribute("content");
    }
  });

  if (window.htmx) {
    // A form with errors (422) comes back as the form, errors tied to its fields: swap it in like a success.
    window.htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      { code: "422", swap: true },
      { code: "[45]..", swap: false, error: true },
      { code: "...", swap: false }
    ];
  }

  // Any other refusal (429 too many comments, 403 locked…) is a whole error page: say its message in the
  // debate's live region, where htmx also reports successes.
  document.addEventListener("htmx:responseError", function (event) {
    var status = document.getElementById("debate-status");
    var xhr = event.detail.xhr;
    if (!status || !xhr) {
      return;
    }
    var message = "That did not work. Please reload the page and try again.";
    try {
      var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
      var p = doc.querySelector(".error-page h1 + p");
      if (p && p.textContent.trim()) {
        message = p.textContent.trim();
      }
    } catch (e) {
      // keep the general message
    }
    status.textContent = message;
  });

  // A permalink to a folded reply: open the folds around it so the browser can show it.
  function unfoldTarget() {
    var id = window.location.hash.slice(1);
    var el = id && document.getElementById(id);
    for (var node = el; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") {
        node.open = true;
      }
    }
    if (el) {
      el.scrollIntoView();
    }
  }
  window.addEventListener("hashchange", unfoldTarget);
  document.addEventListener("DOMContentLoaded", unfoldTarget);
})();
