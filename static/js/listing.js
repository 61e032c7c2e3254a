// Filters that respond: on the listing, a change to the filter form applies at once.
// The new address (only the parameters in use) is fetched as the page it is, the
// results, the messages and the filters are swapped in place (no reload, the focus
// and the scroll kept), the address bar follows (back and forward work), and the
// new count is announced to screen readers. Without JavaScript the form works as
// it is: its button submits it, and the server redirects away its empty fields.
(function () {
  "use strict";
  var form = document.querySelector("form[data-live-filters]");
  if (!form || !window.fetch || !window.DOMParser || !window.history.pushState) { return; }
  var REGIONS = ["listing-messages", "results", "filter-panel"];
  var status = document.getElementById("listing-status");
  var shown = window.location.search;
  var controller = null;
  var defaults = {};
  form.querySelectorAll("[data-default]").forEach(function (field) {
    defaults[field.name] = field.dataset.default;
  });
  document.documentElement.classList.add("js-live-filters");

  // The form's address without its empty fields and default values.
  function address() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, name) {
      value = String(value).trim();
      if (value && defaults[name] !== value) { params.append(name, value); }
    });
    var query = params.toString();
    return form.getAttribute("action") + (query ? "?" + query : "");
  }

  var FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex]";

  // Where the focus is, so that it can be put back: the element's id, or else its
  // region and its position among the region's focusable elements.
  function focusPlace() {
    var active = document.activeElement;
    if (!active || active === document.body) { return null; }
    var place = { id: active.id, top: active.getBoundingClientRect().top };
    REGIONS.forEach(function (id) {
      var region = document.getElementById(id);
      if (!place.id && region && region.contains(active)) {
        place.region = id;
        place.index = Array.prototype.indexOf.call(region.querySelectorAll(FOCUSABLE), active);
      }
    });
    return place;
  }

  function refocus(place) {
    if (!place) { return; }
    var element = place.id ? document.getElementById(place.id) : null;
    if (!element && place.region) {
      var region = document.getElementById(place.region);
      element = region && region.querySelectorAll(FOCUSABLE)[place.index];
    }
    if (!element) { return; }
    if (element !== document.activeElement) { element.focus({ preventScroll: true }); }
    // The focused control stays where it was on the screen.
    window.scrollBy(0, element.getBoundingClientRect().top - place.top);
  }

  function swap(doc) {
    var active = document.activeElement;
    var place = focusPlace();
    var open = Array.prototype.map.call(
      document.querySelectorAll("details.facet-more[open]"), function (d) { return d.id; });
    REGIONS.forEach(function (id) {
      var old = document.getElementById(id);
      var fresh = doc.getElementById(id);
      if (old && fresh) { old.replaceWith(document.importNode(fresh, true)); }
    });
    open.forEach(function (id) {
      var details = document.getElementById(id);
      if (details) { details.open = true; }
    });
    document.title = doc.title;
    var title = document.getElementById("listing-title");
    var freshTitle = doc.getElementById("listing-title");
    if (title && freshTitle) { title.textContent = freshTitle.textContent; }
    var q = form.elements.q;
    var freshQ = doc.querySelector("#filters [name=q]");
    if (q && freshQ && q !== active) { q.value = freshQ.value; }
    refocus(place);
  }

  function announce() {
    var heading = document.getElementById("results-heading");
    if (!status || !heading) { return; }
    status.textContent = "";
    window.setTimeout(function () { status.textContent = heading.textContent.trim(); }, 50);
  }

  // how: "push" (a new entry), "none" (back or forward: the entry exists).
  function load(url, how, then) {
    if (controller) { controller.abort(); }
    controller = new AbortController();
    form.setAttribute("aria-busy", "true");
    var finalUrl = url;
    fetch(url, { signal: controller.signal, headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        finalUrl = response.url || url;  // after the server's redirect, if any
        return response.text();
      })
      .then(function (text) {
        swap(new DOMParser().parseFromString(text, "text/html"));
        var target = new URL(finalUrl, window.location.href);
        if (how === "push" && target.href !== window.location.href) {
          window.history.pushState({ listing: true }, "", target.pathname + target.search);
        }
        shown = window.location.search;
        announce();
        if (then) { then(); }
      })
      .catch(function (error) {
        if (error.name !== "AbortError") { window.location.assign(url); }  // a normal load
      })
      .finally(function () { form.removeAttribute("aria-busy"); });
  }

  form.addEventListener("change", function (event) {
    var field = event.target;
    if (field.name === "q") { return; }  // the search applies when it is submitted
    load(address(), "push");
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    load(address(), "push");
  });

  // Chips, pagination and "Did you mean": the same, then the reader is taken to the
  // top of the new results.
  form.addEventListener("click", function (event) {
    var link = event.target.closest("a[href]");
    if (!link || event.defaultPrevented || event.button !== 0 ||
        event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) { return; }
    var target = new URL(link.href, window.location.href);
    if (target.origin !== window.location.origin ||
        target.pathname !== form.getAttribute("action") || link.hash) { return; }
    event.preventDefault();
    load(target.pathname + target.search, "push", function () {
      var heading = document.getElementById("results-heading");
      if (heading) {
        heading.focus({ preventScroll: true });
        if (heading.getBoundingClientRect().top < 0) { heading.scrollIntoView(); }
      }
    });
  });

  window.addEventListener("popstate", function () {
    if (window.location.search !== shown) { load(window.location.href, "none"); }
  });
})();
