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

  // Any other refusal (409 resolved meanwhile, 403 expired form, 429 too fast) is a full error page: show its
  // message beside the form instead of failing silently.
  document.addEventListener("htmx:responseError", function (event) {
    var target = event.detail.target;
    if (!target) {
      return;
    }
    var message = "Something went wrong. Please reload the page and try again.";
    try {
      var doc = new DOMParser().parseFromString(event.detail.xhr.responseText, "text/html");
      var text = doc.querySelector(".error-page h1 + p");
      if (text && text.textContent.trim()) {
        message = text.textContent.trim();
      }
    } catch (e) {
      // keep the general message
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
})();
