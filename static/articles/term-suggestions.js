// Term suggestions on the article form (articles/admin/suggestions.py, the panel under the
// terms picker: templates/admin/articles/article/term_suggestions.html).
// - As the editor types in the title, the standfirst or the body (the body's editor keeps
//   its textarea up to date and sends "input" from it), the server is asked, after a
//   pause, which terms occur in them; the terms already chosen are sent too, and not
//   offered again.
// - Each suggestion is a button: it adds the term to the terms picker (a real selected
//   <option>, then a "change" event, which select2 draws) and says so in the live region.
//   Nothing is saved until the editor saves the form.
(function () {
  "use strict";
  var TEXTS = ["title", "standfirst", "body"];
  var PAUSE = 400; // ms after the last keystroke

  function setUp(panel) {
    var form = panel.closest("form");
    var select = document.getElementById(panel.dataset.for);
    if (!form || !select || !window.fetch || !window.FormData) { return; }
    var list = panel.querySelector(".term-suggestions-list");
    var status = panel.querySelector(".term-suggestions-status");
    var title = panel.querySelector(".term-suggestions-title");
    var timer = null, asked = 0, controller = null, said = null, shown = null;

    function say(text) {
      // The live region speaks only when what it says changes, not at every keystroke.
      if (text !== said) { status.textContent = text; said = text; }
    }

    function chosen() {
      return Array.prototype.map.call(select.selectedOptions, function (o) { return o.value; });
    }

    function texts() {
      var values = {}, any = false;
      TEXTS.forEach(function (name) {
        var field = form.elements.namedItem(name);
        values[name] = field && "value" in field ? field.value : "";
        any = any || values[name].trim() !== "";
      });
      return any ? values : null;
    }

    function why(item) {
      var also = item.matched.filter(function (label) { return label !== item.name; });
      return item.reason + (also.length ? " (as “" + also.join("”, “") + "”)" : "");
    }

    function entry(item) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      var hidden = document.createElement("span");
      var reason = document.createElement("span");
      button.type = "button";
      button.className = "term-suggestion";
      button.dataset.termId = String(item.id);
      button.dataset.label = item.label;
      hidden.className = "visually-hidden";
      hidden.textContent = "Add ";
      button.append(hidden, item.label);
      reason.className = "term-suggestion-why";
      reason.id = panel.id + "-why-" + item.id;
      reason.textContent = why(item);
      button.setAttribute("aria-describedby", reason.id);
      li.append(button, " ", reason);
      return li;
    }

    function show(suggestions) {
      var have = chosen();
      var fresh = suggestions.filter(function (s) { return have.indexOf(String(s.id)) < 0; });
      var key = JSON.stringify(fresh.map(function (s) { return [s.id, s.label, why(s)]; }));
      if (key !== shown) {
        // Redrawn only when it changed; a focused suggestion keeps the focus.
        var focused = list.contains(document.activeElement) ? document.activeElement : null;
        list.replaceChildren.apply(list, fresh.map(entry));
        shown = key;
        if (focused) {
          var same = list.querySelector("button[data-term-id=\"" + focused.dataset.termId + "\"]");
          (same || list.querySelector("button") || title).focus();
        }
      }
      if (fresh.length) {
        say(fresh.length + (fresh.length === 1 ? " term suggested." : " terms suggested."));
      } else {
        say("No suggestions: no term's name or alias occurs in the text.");
      }
    }

    function ask() {
      timer = null;
      var values = texts();
      if (controller) { controller.abort(); controller = null; }
      var number = ++asked;
      if (!values) {
        list.replaceChildren();
        shown = null;
        say("Write the title, standfirst or body to get suggestions.");
        return;
      }
      var data = new FormData();
      var token = form.elements.namedItem("csrfmiddlewaretoken");
      data.append("csrfmiddlewaretoken", token ? token.value : "");
      TEXTS.forEach(function (name) { data.append(name, values[name]); });
      chosen().forEach(function (id) { data.append("chosen", id); });
      controller = window.AbortController ? new AbortController() : null;
      window.fetch(panel.dataset.suggestUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: {"Accept": "application/json"},
        signal: controller ? controller.signal : undefined
      })
        .then(function (response) {
          return response.json().then(function (body) { return {ok: response.ok, body: body}; });
        })
        .then(function (answer) {
          if (number !== asked) { return; } // a later question is on its way
          if (!answer.ok) { say(answer.body.error || "Suggestions are unavailable."); return; }
          show(answer.body.suggestions);
        })
        .catch(function (error) {
          if (error.name !== "AbortError" && number === asked) {
            say("Suggestions are unavailable just now.");
          }
        });
    }

    function later() {
      if (timer) { window.clearTimeout(timer); }
      timer = window.setTimeout(ask, PAUSE);
    }

    function add(button) {
      var id = button.dataset.termId, label = button.dataset.label;
      var option = Array.prototype.find.call(select.options, function (o) { return o.value === id; });
      if (!option) {
        option = new Option(label, id, true, true);
        select.add(option);
      }
      option.selected = true;
      select.dispatchEvent(new Event("change", {bubbles: true}));
      var li = button.closest("li");
      var next = li.nextElementSibling || li.previousElementSibling;
      li.remove();
      shown = null;
      say("Added " + label + " to the terms.");
      // Keep the keyboard in the list: the next suggestion, or the list's title.
      (next ? next.querySelector("button") : title).focus();
    }

    list.addEventListener("click", function (event) {
      var button = event.target.closest("button.term-suggestion");
      if (button) { add(button); }
    });
    form.addEventListener("input", function (event) {
      if (TEXTS.indexOf(event.target.name) >= 0) { later(); }
    });
    // select2 announces a choice with jQuery's trigger(), which only jQuery's own handlers
    // hear (they hear native events too, such as the one add() sends).
    if (window.django && window.django.jQuery) {
      window.django.jQuery(select).on("change", later);
    } else {
      select.addEventListener("change", later);
    }
    title.tabIndex = -1;
    panel.hidden = false;
    ask();
  }

  function start() {
    document.querySelectorAll(".term-suggestions[data-suggest-url]").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
