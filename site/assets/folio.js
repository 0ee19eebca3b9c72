// Folio's reader script: search, keyboard navigation, copy buttons, sidebar toggle.
// Pages read fine without it; it only adds interaction. Works from file://.
(function () {
  "use strict";

  var input = document.getElementById("search-input");
  var panel = document.getElementById("search-results");
  var index = null;
  var documents = [];

  function isTyping(target) {
    if (!target) return false;
    var tag = target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable;
  }

  // --- Search -------------------------------------------------------------------------------

  // lunr and the book's documents (most of a megabyte for a long book) are loaded when the reader
  // first turns to the search box, not with every page: the page names them in data-scripts. The
  // index is then built a slice at a time between frames, so the page keeps answering (typing
  // included) while it is built: seconds, on a phone, for a book of hundreds of chapters.
  var state = null; // null: not asked for; "loading"; "ready"; "failed"
  var whenReady = [];
  var waiting = false; // results are to be shown when the index is ready

  function loadSearch(then) {
    if (then) whenReady.push(then);
    if (state === "ready" || state === "failed") { whenReady.splice(0).forEach(function (f) { f(); }); return; }
    if (state === "loading") return;
    state = "loading";
    var box = input && input.closest(".search");
    var sources = ((box && box.getAttribute("data-scripts")) || "").split(" ").filter(Boolean);
    var left = sources.length;
    function settle(ok) {
      if (state !== "loading") return;
      if (ok && --left > 0) return;
      if (!ok || typeof lunr !== "function" || !window.folioSearchDocuments) { finish("failed"); return; }
      documents = window.folioSearchDocuments;
      buildIndex(function () { finish("ready"); });
    }
    function finish(outcome) {
      state = outcome;
      whenReady.splice(0).forEach(function (f) { f(); });
    }
    if (left === 0) { settle(false); return; }
    sources.forEach(function (source) {
      var script = document.createElement("script");
      script.src = source;
      script.onload = function () { settle(true); };
      script.onerror = function () { settle(false); };
      document.head.appendChild(script);
    });
  }

  // What lunr(config) does, with the documents added a few milliseconds' worth at a time.
  function buildIndex(done) {
    var builder = new lunr.Builder();
    builder.pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
    builder.searchPipeline.add(lunr.stemmer);
    builder.ref("i");
    builder.field("h", { boost: 8 });
    // The chapter title counts for a page's first section only, so searching for a chapter's
    // name puts its opening first without every other section of it matching too.
    builder.field("c", { boost: 20 });
    builder.field("k", { boost: 3 });
    builder.field("t");
    var seen = {};
    var next = 0;
    // A message to itself yields to the page without setTimeout's 4 ms floor after a few nested
    // calls (hundreds of slices for a long book).
    var channel = typeof MessageChannel === "function" ? new MessageChannel() : null;
    function later() { if (channel) channel.port2.postMessage(0); else setTimeout(slice, 0); }
    if (channel) channel.port1.onmessage = slice;
    slice();
    function slice() {
      // Under 50 ms, what counts as a long task: a key pressed meanwhile waits less than that.
      var until = Date.now() + 30;
      while (next < documents.length && Date.now() < until) {
        var d = documents[next];
        var first = !seen[d.p];
        seen[d.p] = true;
        builder.add({ i: String(next), h: d.h, c: first ? d.c : "", k: d.k, t: d.t });
        next++;
      }
      if (next < documents.length) { later(); return; }
      if (channel) channel.port1.onmessage = null;
      index = builder.build();
      done();
    }
  }

  function search(term) {
    var idx = index;
    if (!idx) return [];
    var tokens = lunr.tokenizer(term);
    if (tokens.length === 0) return [];
    var hits = idx.query(function (q) {
      tokens.forEach(function (token) {
        var text = token.toString();
        q.term(text, { boost: 10 });
        q.term(text, { boost: 1, usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
      });
    });
    return hits.slice(0, 20).map(function (hit) { return documents[Number(hit.ref)]; });
  }

  function snippet(text, term) {
    if (!text) return "";
    var lower = text.toLowerCase();
    var words = term.toLowerCase().split(/\s+/).filter(Boolean);
    var at = -1;
    for (var i = 0; i < words.length && at < 0; i++) at = lower.indexOf(words[i]);
    var start = Math.max(0, at - 40);
    var cut = text.slice(start, start + 140);
    return (start > 0 ? "\u2026" : "") + cut + (start + 140 < text.length ? "\u2026" : "");
  }

  function element(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function showResults(term) {
    if (!panel) return;
    panel.textContent = "";
    term = term.trim();
    if (!term) { hideResults(); return; }
    if (state !== "ready" && state !== "failed") {
      panel.appendChild(element("p", "search-loading", "Loading the search index\u2026"));
      panel.hidden = false;
      if (!waiting) {
        waiting = true;
        // Unless the reader closed the panel meanwhile (Escape, a click elsewhere).
        loadSearch(function () { waiting = false; if (!panel.hidden) showResults(input.value); });
      }
      return;
    }
    if (state === "failed") {
      panel.appendChild(element("p", "search-empty", "Search could not be loaded."));
      panel.hidden = false;
      return;
    }
    var results = search(term);
    if (results.length === 0) {
      panel.appendChild(element("p", "search-empty", "No results for \u201c" + term + "\u201d."));
    } else {
      panel.appendChild(element("p", "search-summary",
        results.length + (results.length === 1 ? " result" : " results") + " for \u201c" + term + "\u201d"));
      var list = element("ul");
      results.forEach(function (doc) {
        var link = element("a");
        link.href = (document.documentElement.getAttribute("data-root") || "") + doc.p +
          (doc.a ? "#" + encodeURIComponent(doc.a).replace(/%2F/g, "/") : "");
        link.appendChild(element("span", "result-heading", doc.h));
        if (doc.h !== doc.c) link.appendChild(element("span", "result-chapter", doc.c));
        var text = snippet(doc.t, term);
        if (text) link.appendChild(element("span", "result-snippet", text));
        var item = element("li");
        item.appendChild(link);
        list.appendChild(item);
      });
      panel.appendChild(list);
    }
    panel.hidden = false;
  }

  function hideResults() {
    if (!panel) return;
    panel.hidden = true;
  }

  function resultLinks() {
    return panel ? Array.prototype.slice.call(panel.querySelectorAll("a")) : [];
  }

  function moveFocus(step) {
    var links = resultLinks();
    if (links.length === 0) return;
    var at = links.indexOf(document.activeElement);
    var next = at < 0 ? (step > 0 ? 0 : links.length - 1) : at + step;
    if (next < 0) { input.focus(); return; }
    links[Math.min(next, links.length - 1)].focus();
  }

  if (input && panel) {
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { showResults(input.value); }, 80);
    });
    input.addEventListener("focus", function () {
      loadSearch();
      if (input.value.trim()) showResults(input.value);
    });
    // A pointer on its way to the box starts the download a moment before the focus.
    input.addEventListener("pointerenter", function () { loadSearch(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); moveFocus(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); moveFocus(-1); }
      else if (event.key === "Enter") {
        var links = resultLinks();
        if (links.length > 0) { event.preventDefault(); links[0].click(); }
      } else if (event.key === "Escape") { hideResults(); }
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { event.preventDefault(); moveFocus(1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); moveFocus(-1); }
      else if (event.key === "Escape") { hideResults(); input.focus(); }
    });
    document.addEventListener("click", function (event) {
      var search = input.closest(".search");
      if (search && !search.contains(event.target)) hideResults();
    });

    var params = new URLSearchParams(window.location.search);
    var term = params.get("search");
    if (term) {
      input.value = term;
      showResults(term);
    }
  }

  // --- Keyboard: "/" focuses search, arrows go to the previous and next page ----------------

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    if (isTyping(event.target)) return;
    if (event.key === "/" && input) {
      event.preventDefault();
      input.focus();
      input.select();
      return;
    }
    if (event.shiftKey) return;
    if (panel && !panel.hidden && panel.contains(event.target)) return;
    var rel = event.key === "ArrowLeft" ? "prev" : event.key === "ArrowRight" ? "next" : null;
    if (!rel) return;
    var link = document.querySelector('link[rel="' + rel + '"]');
    if (link) { event.preventDefault(); window.location.href = link.href; }
  });

  // --- Copy buttons ---------------------------------------------------------------------------

  function codeText(button) {
    var code = button.parentElement.querySelector("code");
    if (!code) return "";
    var copy = code.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".line-value"), function (el) { el.remove(); });
    return copy.textContent;
  }

  function copyFallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    area.remove();
    return ok;
  }

  Array.prototype.forEach.call(document.querySelectorAll(".copy-button"), function (button) {
    button.addEventListener("click", function () {
      var text = codeText(button);
      function done(ok) {
        button.textContent = ok ? "Copied" : "Copy failed";
        setTimeout(function () { button.textContent = "Copy"; }, 1500);
      }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(copyFallback(text)); });
      } else {
        done(copyFallback(text));
      }
    });
  });

  // --- Sidebar: the page's entry in view; the toggle (narrow screens) ------------------------

  var toggle = document.querySelector(".sidebar-toggle");
  var sidebar = document.getElementById("sidebar");

  // A long book: the page's entry is scrolled into the sidebar's view.
  var shown = sidebar && sidebar.querySelector('a[aria-current="page"]');
  if (shown && shown.offsetTop + shown.offsetHeight > sidebar.clientHeight) {
    sidebar.scrollTop = shown.offsetTop - sidebar.clientHeight / 3;
  }

  if (toggle && sidebar) {
    toggle.addEventListener("click", function () {
      var open = !document.body.classList.contains("sidebar-open");
      document.body.classList.toggle("sidebar-open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        var first = sidebar.querySelector("a");
        if (first) first.focus();
      }
    });
    var close = function (refocus) {
      document.body.classList.remove("sidebar-open");
      toggle.setAttribute("aria-expanded", "false");
      if (refocus) toggle.focus();
    };
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && document.body.classList.contains("sidebar-open")) close(true);
    });
    // A tap outside the open panel (on the backdrop) closes it; Tab out of it does too.
    document.addEventListener("click", function (event) {
      if (!document.body.classList.contains("sidebar-open")) return;
      if (sidebar.contains(event.target) || toggle.contains(event.target)) return;
      close(true);
    });
    sidebar.addEventListener("focusout", function (event) {
      if (!document.body.classList.contains("sidebar-open") || !event.relatedTarget) return;
      if (!sidebar.contains(event.relatedTarget) && !toggle.contains(event.relatedTarget)) close(false);
    });
  }
})();
