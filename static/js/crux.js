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
    // 429 too: an over-the-limit reply comes back as its form with the text kept (an error page has .error-page)
    var xhr = event.detail.xhr;
    if (xhr.status === 422 || (xhr.status === 429 && xhr.responseText.indexOf("error-page") < 0)) {
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

  // Live updates on an item page: the server says what changed ("argument", "tally", "forecast") on
  // /items/{id}/events; the region is fetched again as the viewer would see it (vote-first included) and swapped
  // in. EventSource reconnects by itself. Nothing of this runs without JavaScript, or on other pages.
  function startLive() {
    var main = document.querySelector("main[data-live-item]");
    if (!main || !window.EventSource || !window.htmx) {
      return;
    }
    var id = main.getAttribute("data-live-item");
    if (!/^[0-9]+$/.test(id)) {
      return;
    }
    var base = "/items/" + id;
    var query = window.location.search || "";
    // a region someone is typing or choosing in is left alone: their draft matters more than freshness
    function busy(el) {
      if (!el) {
        return true;
      }
      if (el.contains(document.activeElement) && document.activeElement !== document.body) {
        return true;
      }
      var fields = el.querySelectorAll("textarea, input[type=text], input[type=number], input[type=range]");
      for (var i = 0; i < fields.length; i++) {
        if (fields[i].value && fields[i].value !== fields[i].defaultValue) {
          return true;
        }
      }
      return false;
    }
    function refresh(targetId, path, announce) {
      var el = document.getElementById(targetId);
      if (!el) {
        return;
      }
      if (busy(el)) {
        var status = document.getElementById("debate-status");
        if (announce && status) {
          status.textContent = announce + " Reload the page to see them.";
        }
        return;
      }
      window.htmx.ajax("GET", base + path + query, { target: "#" + targetId, swap: "outerHTML" }).then(function () {
        var status = document.getElementById("debate-status");
        if (announce && status) {
          status.textContent = announce;
        }
      });
    }
    var source = new EventSource(base + "/events");
    source.addEventListener("argument", function () {
      refresh("debate", "/live/debate", "New arguments or replies have been posted.");
    });
    source.addEventListener("tally", function () {
      refresh("stance-body", "/live/stance", null);
    });
    source.addEventListener("forecast", function () {
      refresh("forecast-body", "/live/forecast", null);
    });
    window.addEventListener("pagehide", function () {
      source.close();
    });
  }
  document.addEventListener("DOMContentLoaded", startLive);

  // A slider and its number field (data-linked names the field) move together, and the field starts at the slider's
  // value. Without JavaScript the field starts empty and the slider alone gives the value (a typed number counts over
  // it): see crux.forecasts.web.ForecastPanel. defaultValue, not value: a pre-filled field is not a draft in progress.
  function linkSliders() {
    var sliders = document.querySelectorAll("input[type=range][data-linked]");
    for (var i = 0; i < sliders.length; i++) {
      var number = document.getElementById(sliders[i].getAttribute("data-linked"));
      if (number && number.value === "") {
        number.defaultValue = sliders[i].value;
      }
    }
  }
  document.addEventListener("input", function (event) {
    var el = event.target;
    if (el.type === "range" && el.hasAttribute("data-linked")) {
      var number = document.getElementById(el.getAttribute("data-linked"));
      if (number) {
        number.value = el.value;
      }
    } else if (el.type === "number" && el.id && /^[0-9]{1,3}$/.test(el.value.trim())) {
      var slider = document.querySelector('input[type=range][data-linked="' + el.id + '"]');
      if (slider) {
        slider.value = el.value.trim(); // a range clamps what is outside it; the server still checks the number
      }
    }
  });
  document.addEventListener("DOMContentLoaded", linkSliders);
  document.addEventListener("htmx:afterSettle", linkSliders);

  // Selecting words in an article: a button offers to propose an item from them (members) or to make one
  // (moderators), opening the form with the passage and which occurrence of it filled in. Without JavaScript the
  // same forms take the passage pasted.
  function startSelection() {
    var article = document.querySelector("article.article[data-propose], article.article[data-make-item]");
    if (!article) {
      return;
    }
    var moderator = article.hasAttribute("data-make-item");
    var button = document.createElement("a");
    button.className = "button selection-action";
    button.textContent = moderator ? "Make an item" : "Propose an item";
    button.hidden = true;
    document.body.appendChild(button);

    // The words of a range as the stored text has them: without the tallies and outside-link arrows drawn among them.
    // Read as rendered (innerText, off screen), so that words in separate paragraphs or list items stay apart.
    function wordsOf(range) {
      var copy = document.createElement("div");
      copy.style.position = "absolute";
      copy.style.left = "-10000px";
      copy.appendChild(range.cloneContents());
      copy.querySelectorAll(".standing, .outside-link").forEach(function (n) {
        var gap = n.previousSibling; // the space that sets a tally apart is not in the text either
        if (gap && gap.nodeType === Node.TEXT_NODE && !gap.textContent.trim()) {
          gap.remove();
        }
        n.remove();
      });
      document.body.appendChild(copy);
      var words = copy.innerText;
      copy.remove();
      return words.replace(/\s+/g, " ");
    }

    function update() {
      var selection = window.getSelection();
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
        button.hidden = true;
        return;
      }
      var range = selection.getRangeAt(0);
      if (!article.contains(range.startContainer) || !article.contains(range.endContainer)) {
        button.hidden = true;
        return;
      }
      var quote = wordsOf(range).trim();
      if (quote.length < 8) {
        button.hidden = true;
        return;
      }
      // which occurrence: how many times the words appear in the text up to and including this one
      var before = document.createRange();
      before.setStart(article, 0);
      before.setEnd(range.startContainer, range.startOffset);
      var text = wordsOf(before) + quote;
      var occurrence = 0;
      for (var i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) {
        occurrence++;
      }
      var base = moderator ? article.getAttribute("data-make-item") + "&" : article.getAttribute("data-propose") + "?";
      button.href = base + "quote=" + encodeURIComponent(quote) + "&occurrence=" + Math.max(1, occurrence);
      button.hidden = false;
    }
    // a drag fires many changes; the words are read once it pauses
    var pending = null;
    document.addEventListener("selectionchange", function () {
      clearTimeout(pending);
      pending = setTimeout(update, 80);
    });
  }
  document.addEventListener("DOMContentLoaded", startSelection);

  // Reading mode on the article page is a checkbox that CSS alone acts on; with JavaScript the choice is kept for the
  // next article too.
  function rememberReadingMode() {
    var box = document.getElementById("reading-mode");
    if (!box) {
      return;
    }
    try {
      if (window.localStorage.getItem("crux-reading-mode") === "on") {
        box.checked = true;
      }
      box.addEventListener("change", function () {
        window.localStorage.setItem("crux-reading-mode", box.checked ? "on" : "off");
      });
    } catch (e) {
      // storage refused (private mode): the checkbox still works for this page
    }
  }
  document.addEventListener("DOMContentLoaded", rememberReadingMode);

  // Drafts: what is typed in an argument or reply box (textarea[data-draft]) is kept in this browser until it is
  // posted, and put back when the box is opened again empty. A box the server filled (a refused post, a preview)
  // keeps the server's text, which becomes the draft. Pressing Post clears it; if the post is refused, the form
  // comes back with the text and it is kept again.
  var DRAFT_PREFIX = "crux-draft:";
  function draftStore() {
    try {
      return window.localStorage;
    } catch (e) {
      return null; // storage disabled: no drafts, nothing else changes
    }
  }
  function saveDraft(box) {
    var store = draftStore();
    if (!store) {
      return;
    }
    var key = DRAFT_PREFIX + box.getAttribute("data-draft");
    try {
      if (box.value.trim()) {
        store.setItem(key, box.value);
      } else {
        store.removeItem(key);
      }
    } catch (e) {
      // storage full: the text is still in the box
    }
  }
  function startDraft(box) {
    if (box.hasAttribute("data-draft-ready")) {
      return;
    }
    box.setAttribute("data-draft-ready", "");
    var store = draftStore();
    var draft = store && store.getItem(DRAFT_PREFIX + box.getAttribute("data-draft"));
    if (draft && !box.value.trim()) {
      box.value = draft;
      var details = box.closest("details");
      if (details) {
        details.open = true;
      }
      box.dispatchEvent(new Event("input"));
    } else if (box.value.trim()) {
      saveDraft(box);
    }
    box.addEventListener("input", function () {
      saveDraft(box);
    });
    if (box.form) {
      box.form.addEventListener("submit", function (event) {
        if (!event.submitter || event.submitter.name !== "preview") {
          var s = draftStore();
          if (s) {
            s.removeItem(DRAFT_PREFIX + box.getAttribute("data-draft"));
          }
        }
      });
    }
  }

  // Live preview: as a member types, the text is rendered by the server (the same Markdown pipeline a post goes
  // through, sanitised there) into the form's preview box, half a second after the typing stops. The Preview button
  // does the same without JavaScript.
  var PREVIEW_DELAY_MS = 500;
  function startPreview(box) {
    var preview = document.getElementById(box.getAttribute("data-preview"));
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (!preview || !meta || !window.fetch || box.hasAttribute("data-preview-ready")) {
      return;
    }
    box.setAttribute("data-preview-ready", "");
    var target = preview.querySelector(".preview-body");
    var timer = null;
    var sent = 0;
    function show() {
      var text = box.value;
      if (!text.trim()) {
        preview.hidden = true;
        return;
      }
      var n = ++sent;
      var body = new URLSearchParams();
      body.set("body", text);
      body.set("_csrf", meta.getAttribute("content"));
      fetch("/preview", { method: "POST", body: body, credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
        .then(function (response) {
          return response.ok || response.status === 422 ? response.text() : null;
        })
        .then(function (html) {
          if (html !== null && n === sent) {
            target.innerHTML = html; // rendered and sanitised by the server's Markdown pipeline
            preview.hidden = false;
          }
        })
        .catch(function () {
          // offline or refused: the Preview button still works
        });
    }
    box.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(show, PREVIEW_DELAY_MS);
    });
  }

  function startWriting(root) {
    var boxes = root.querySelectorAll ? root.querySelectorAll("textarea[data-draft], textarea[data-preview]") : [];
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].hasAttribute("data-preview")) {
        startPreview(boxes[i]);
      }
      if (boxes[i].hasAttribute("data-draft")) {
        startDraft(boxes[i]);
      }
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    startWriting(document);
  });
  // forms htmx brings in (a reply form opened in place, one that came back refused)
  document.addEventListener("htmx:load", function (event) {
    startWriting(event.detail.elt.parentElement || event.detail.elt);
  });

  // Quote-reply: selecting words in a comment offers "Quote"; it adds them to the draft reply to that comment as a
  // Markdown block quote with a link to the comment, then opens the reply form as its Reply link does (in place, or
  // the reply page), where the draft is put in the box. Without JavaScript there is no quote-reply: copy and paste.
  function startQuote() {
    var debate = document.getElementById("debate");
    if (!debate) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button selection-action quote-action";
    button.textContent = "Quote in a reply";
    button.hidden = true;
    document.body.appendChild(button);
    var chosen = null;

    function replyLink(id) {
      var item = document.getElementById("comment-" + id);
      return item && item.querySelector(':scope > article .comment-actions a[href="/comments/' + id + '/reply"]');
    }
    function update() {
      var selection = window.getSelection();
      chosen = null;
      if (selection && selection.rangeCount > 0 && !selection.isCollapsed) {
        var range = selection.getRangeAt(0);
        var start = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentElement;
        var body = start && start.closest(".comment-body");
        var item = body && body.closest("li.comment-item");
        var text = selection.toString().trim();
        if (item && body.contains(range.endContainer) && text && !body.closest(".preview")) {
          var id = item.id.replace("comment-", "");
          if (replyLink(id)) {
            chosen = { id: id, text: text };
            // next in the tab order after the words chosen (it is drawn fixed at the corner of the screen)
            if (body.nextElementSibling !== button) {
              body.after(button);
            }
          }
        }
      }
      button.hidden = chosen === null;
    }
    // pressing the button must not clear the selection before the click is handled
    button.addEventListener("mousedown", function (event) {
      event.preventDefault();
    });
    button.addEventListener("click", function () {
      if (!chosen) {
        return;
      }
      var quote = chosen.text.split(/\r?\n/).map(function (line) {
        return line.trim() ? "> " + line : ">";
      }).join("\n") + "\n>\n> — [from this comment](" + window.location.origin + "/comments/" + chosen.id + ")\n\n";
      var store = draftStore();
      var key = DRAFT_PREFIX + "reply-" + chosen.id;
      var box = document.querySelector('textarea[data-draft="reply-' + chosen.id + '"]');
      var earlier = box ? box.value : (store && store.getItem(key)) || "";
      var text = earlier.trim() ? earlier.replace(/\s*$/, "\n\n") + quote : quote;
      var link = replyLink(chosen.id);
      button.hidden = true;
      if (box) {
        box.value = text;
        box.dispatchEvent(new Event("input"));
        box.focus();
        box.setSelectionRange(text.length, text.length);
        return;
      }
      if (store) {
        try {
          store.setItem(key, text);
        } catch (e) {
          // storage full: the form opens without the quote
        }
      }
      link.click();
    });
    document.addEventListener("selectionchange", update);
  }
  document.addEventListener("DOMContentLoaded", startQuote);
})();
