// watchfloor dashboard: small enhancements only; every page works without this file.
(function () {
  "use strict";
  // "/" focuses the search box, as in many readers (not while typing in a field).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    var tag = target && target.tagName ? target.tagName.toLowerCase() : "";
    if (tag === "input" || tag === "textarea" || tag === "select" || (target && target.isContentEditable)) { return; }
    var box = document.querySelector(".top-search input[type=search]");
    if (box) { event.preventDefault(); box.focus(); box.select(); }
  });
  // Following a link to a highlighted fact (#q-12) opens the details that hold it, if folded.
  function reveal() {
    if (!location.hash) { return; }
    var el = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var node = el;
    while (node) {
      if (node.tagName && node.tagName.toLowerCase() === "details") { node.open = true; }
      node = node.parentNode;
    }
  }
  window.addEventListener("hashchange", reveal);
  document.addEventListener("DOMContentLoaded", reveal);
}());
