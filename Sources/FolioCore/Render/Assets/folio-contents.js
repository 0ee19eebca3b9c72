// Fills the sidebar with the book's whole table of contents (window.folioContents, defined just
// above by the build). Every page loads this one file right after its sidebar, without defer, so
// the list is complete before the page is first painted and nothing moves. The page's own entry
// (its chapter's sections, or its module's types) is kept as the page wrote it. Nothing here asks
// for layout (folio.js scrolls the entry into view once the page is parsed): a layout forced
// halfway through the page costs more than filling the list.
(function () {
  "use strict";

  var data = window.folioContents;
  var sidebar = document.getElementById("sidebar");
  var list = sidebar && sidebar.querySelector("ol.chapter-list");
  if (!data || !list) return;

  // From an API page (data-root="../") the site's root is one folder up, and other API pages
  // are beside it.
  var root = document.documentElement.getAttribute("data-root") || "";
  function link(page) {
    if (!root) return page;
    return page.indexOf("api/") === 0 ? page.slice(4) : root + page;
  }
  function escape(text) {
    return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  function item(page, label, current) {
    return "<li" + (current ? ' class="current"' : "") + '><a href="' + escape(link(page)) + '"' +
      (current ? ' aria-current="page">' : ">") + label + "</a>";
  }

  var currentLink = sidebar.querySelector('a[aria-current="page"]');
  var here = currentLink ? currentLink.getAttribute("href") : null;
  var currentItem = currentLink ? currentLink.parentElement : null;
  if (currentItem && currentItem.parentElement !== list) currentItem = null;

  // The chapters: every one, except the page's own entry, which is moved in as it is.
  var html = "";
  data.chapters.forEach(function (chapter, i) {
    if (currentItem && link(chapter[0]) === here) {
      html += '<li class="folio-here"></li>';
      return;
    }
    html += item(chapter[0], '<span class="chapter-number">' + (i + 1) + ".</span> " + chapter[1], false) + "</li>";
  });
  var contents = list.querySelector("li.contents");
  var fresh = document.createElement("template");
  fresh.innerHTML = html;
  var placeholder = fresh.content.querySelector("li.folio-here");
  if (placeholder) placeholder.parentNode.replaceChild(currentItem, placeholder);
  list.textContent = "";
  if (contents) list.appendChild(contents);
  list.appendChild(fresh.content);

  // The API reference: every module; the page's own module with its types.
  var oldHeading = document.getElementById("sidebar-api");
  var oldList = sidebar.querySelector("ol.api-list");
  if (oldHeading) oldHeading.remove();
  if (oldList) oldList.remove();
  if (data.api.length > 0) {
    var api = '<p class="sidebar-heading" id="sidebar-api">API reference</p>\n' +
      '<ol class="chapter-list api-list" aria-labelledby="sidebar-api">\n';
    data.api.forEach(function (module) {
      var inModule = link(module.page) === here ||
        module.types.some(function (type) { return link(type[0]) === here; });
      api += item(module.page, "<code>" + escape(module.module) + "</code>", link(module.page) === here);
      if (inModule && module.types.length > 0) {
        api += '\n<ul class="section-list">\n';
        module.types.forEach(function (type) {
          api += item(type[0], "<code>" + escape(type[1]) + "</code>", link(type[0]) === here) + "</li>\n";
        });
        api += "</ul>\n";
      }
      api += "</li>\n";
    });
    sidebar.insertAdjacentHTML("beforeend", api + "</ol>\n");
  }
})();
