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

  // A form with errors (422) comes back as the fragment with the errors marked: swap it in like a success.
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 422) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // Any other refusal (409 resolved meanwhile, 403 expired form, 429 too fast) is a full error page: say its
  // message where the person is looking instead of failing silently — in the debate's live region for debate
  // actions, beside the form otherwise.
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var target = event.detail.target;
    if (!xhr || !target) {
      return;
    }
    var message = "Something went wrong. Please reload the page and try again.";
    try {
      var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
      var p = doc.querySelector(".error-page h1 + p");
      if (p && p.textContent.trim()) {
        message = p.textContent.trim();
      }
    } catch (e) {
      // keep the general message
    }
    var status = target.closest && target.closest(".debate") ? document.getElementById("debate-status") : null;
    if (status) {
      status.textContent = message;
      return;
    }
    var box = target.querySelector(".request-error");
    if (!box) {
      box = document.createElement("p");
      box.className = "request-error";
      box.setAttribute("role", "alert");
      target.insertBefore(box, target.firstChild);
    }
    box.textContent = message;
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
      // After a post and redirect to #stance, #forecast or #comment-N, keyboard and screen-reader users carry on
      // where they were: move focus there too (the anchors have tabindex="-1"; without JS the browser scrolls).
      if (el.tabIndex < 0 && !el.hasAttribute("tabindex")) {
        return;
      }
      el.focus({ preventScroll: false });
    }
  }
  window.addEventListener("hashchange", unfoldTarget);
  document.addEventListener("DOMContentLoaded", unfoldTarget);
})();
