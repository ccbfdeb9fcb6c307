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
})();
