// Progressive enhancement for an article's page. Without JavaScript the table of
// contents is open everywhere and "Link to this article" is a plain link.
(function () {
  "use strict";
  var wide = window.matchMedia("(min-width: 60rem)");

  // The contents: beside the text (open) on a wide screen, folded at the top on a phone.
  var toc = document.querySelector("details[data-toc]");
  if (toc) {
    var fit = function () { toc.open = wide.matches; };
    fit();
    wide.addEventListener("change", fit);

    // The section being read is marked in the contents.
    var links = {};
    toc.querySelectorAll("a[href^='#']").forEach(function (link) {
      links[decodeURIComponent(link.hash.slice(1))] = link;
    });
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) { return; }
          Object.keys(links).forEach(function (id) { links[id].removeAttribute("aria-current"); });
          links[entry.target.id].setAttribute("aria-current", "location");
        });
      }, { rootMargin: "0px 0px -70% 0px" });
      Object.keys(links).forEach(function (id) {
        var target = document.getElementById(id);
        if (target) { observer.observe(target); }
      });
    }
  }

  // "Link to this article" becomes a button that copies the address.
  var copy = document.querySelector("a[data-copy-link]");
  if (copy && navigator.clipboard) {
    var status = document.querySelector(".copy-status");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-link";
    button.textContent = "Copy link";
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(copy.href).then(function () {
        status.textContent = "Link copied.";
      }, function () {
        status.textContent = "Could not copy: the address is " + copy.href;
      });
    });
    copy.replaceWith(button);
  }
})();
