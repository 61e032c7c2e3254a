// Editing safety on the admin's change forms (taxonomy/presence.py's PresenceAdminMixin
// adds this file): nothing typed is lost, and nobody edits blind.
//
// - Unsaved changes: leaving a form that differs from what was loaded asks first
//   (beforeunload); submitting it does not.
// - Autosave: the form's state is kept in this browser's localStorage as the editor
//   types (about a second after each change), keyed by the page and the edit lock the
//   form was opened with; reopening the form offers it back ("Restore your unsaved
//   changes from 10:42?"); a save that went through clears it.
// - Presence: every 20 s the page tells the server it is open, and shows who else has
//   the same object open ("Ada Diallo has had this article open since 10:42").
// - Spelling: the rich-text editors check spelling (spellcheck="true").
// No inline script: everything is wired here, so a strict CSP holds.
(function () {
  "use strict";
  var PREFIX = "sahel-desk:autosave:";
  var SKIP = { csrfmiddlewaretoken: true, lock_version: true, row_token: true };
  var editors = new Map(); // textarea name -> Tiptap editor
  var form = null, baseline = null, touched = false, submitting = false, timer = null;

  function storage() {
    try { return window.localStorage; } catch (error) { return null; }
  }

  function lockOf(theForm) {
    var field = theForm.querySelector("input[name=lock_version], input[name=row_token]");
    return field ? field.value : "";
  }

  function keyFor(path, lock) { return PREFIX + path + "|" + lock; }

  function serialize() {
    var state = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || SKIP[el.name] || el.type === "file" || el.type === "submit") { return; }
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) { return; }
      var values = el.tagName === "SELECT"
        ? Array.prototype.filter.call(el.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; })
        : [el.value];
      state[el.name] = (state[el.name] || []).concat(values);
    });
    return state;
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function isDirty() { return touched && !same(serialize(), baseline); }

  function rebaseline() { if (!touched) { baseline = serialize(); } }

  function timeOf(ms) {
    var d = new Date(ms);
    return String(d.getHours()).padStart(2, "0") + ":" + String(d.getMinutes()).padStart(2, "0");
  }

  function autosave() {
    var store = storage();
    if (!store) { return; }
    var key = keyFor(location.pathname, lockOf(form));
    if (isDirty()) {
      store.setItem(key, JSON.stringify({ at: Date.now(), fields: serialize() }));
    } else {
      store.removeItem(key);
    }
  }

  function changed() {
    touched = true;
    clearTimeout(timer);
    timer = setTimeout(autosave, 1000);
  }

  function restore(fields) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || SKIP[el.name] || !(el.name in fields)) { return; }
      var values = fields[el.name];
      if (el.type === "checkbox" || el.type === "radio") {
        el.checked = values.indexOf(el.value) !== -1;
      } else if (el.tagName === "SELECT") {
        values.forEach(function (value) {
          var known = Array.prototype.some.call(el.options, function (o) { return o.value === value; });
          if (!known) { el.add(new Option(value, value)); }
        });
        Array.prototype.forEach.call(el.options, function (o) {
          o.selected = values.indexOf(o.value) !== -1;
        });
      } else if (editors.has(el.name)) {
        editors.get(el.name).commands.setContent(values[0] || "", true);
      } else {
        el.value = values[0] || "";
      }
      el.dispatchEvent(new Event("change", { bubbles: true }));
    });
    touched = true;
    autosave();
  }

  function banner(id, role) {
    var box = document.getElementById(id);
    if (!box) {
      box = document.createElement("div");
      box.id = id;
      box.className = "editing-safety-banner";
      box.setAttribute("role", role);
      form.parentNode.insertBefore(box, form);
    }
    return box;
  }

  function offerRecovery() {
    var store = storage();
    if (!store) { return; }
    var current = keyFor(location.pathname, lockOf(form));
    var best = null;
    for (var i = 0; i < store.length; i += 1) {
      var key = store.key(i);
      if (key.indexOf(PREFIX + location.pathname + "|") !== 0) { continue; }
      var saved = JSON.parse(store.getItem(key) || "null");
      if (saved && (!best || saved.at > best.saved.at)) { best = { key: key, saved: saved }; }
    }
    if (!best || same(best.saved.fields, serialize())) { return; }
    var box = banner("autosave-banner", "alert");
    var text = document.createElement("p");
    text.textContent = "Restore your unsaved changes from " + timeOf(best.saved.at) + "?" +
      (best.key === current ? "" : " They were made on an earlier version: someone has " +
        "saved since, so check their changes too.");
    var yes = document.createElement("button");
    yes.type = "button";
    yes.className = "button";
    yes.textContent = "Restore";
    var no = document.createElement("button");
    no.type = "button";
    no.className = "button";
    no.textContent = "Discard";
    yes.addEventListener("click", function () {
      restore(best.saved.fields);
      if (best.key !== current) { store.removeItem(best.key); }
      box.remove();
    });
    no.addEventListener("click", function () { store.removeItem(best.key); box.remove(); });
    box.replaceChildren(text, yes, no);
  }

  function clearAfterSave() {
    // The key of the form submitted last: if this page is not that form again with
    // errors, the save went through, and its autosave is no longer needed.
    var store = storage(), pending = window.sessionStorage.getItem(PREFIX + "submitted");
    if (!store || !pending) { return; }
    window.sessionStorage.removeItem(PREFIX + "submitted");
    // The admin's error note, not the pending-changes banner that shares its style.
    var refusedHere = form && document.querySelector(".errornote:not(.pending-banner)") &&
      pending.indexOf(PREFIX + location.pathname + "|") === 0;
    if (!refusedHere) { store.removeItem(pending); }
  }

  function presence() {
    var url = location.pathname.replace(/change\/$/, "presence/");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (url === location.pathname || !token) { return; }
    // No "leave" beacon when the page closes: a request racing the page's end helps
    // little (an entry expires 60 s after its last beat anyway).
    function beat() {
      var body = new FormData();
      body.append("csrfmiddlewaretoken", token.value);
      fetch(url, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
          if (!data) { return; }
          var box = banner("presence-banner", "status");
          box.hidden = data.others.length === 0;
          box.replaceChildren.apply(box, data.others.map(function (line) {
            var p = document.createElement("p");
            p.textContent = line;
            return p;
          }));
        })
        .catch(function () { /* offline: try again at the next beat */ });
    }
    beat();
    setInterval(beat, 20000);
  }

  document.addEventListener("prose-editor:ready", function (event) {
    var editor = event.detail.editor, textarea = event.detail.textarea;
    editor.view.dom.setAttribute("spellcheck", "true");
    editors.set(textarea.name, editor);
    editor.on("update", function () { if (editor.isFocused) { changed(); } });
    if (form) { rebaseline(); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    form = document.querySelector("#content-main form[id$=_form]");
    clearAfterSave();
    if (!form) { return; }
    baseline = serialize();
    window.addEventListener("load", rebaseline);
    form.addEventListener("input", changed);
    form.addEventListener("change", function (event) { if (event.isTrusted) { changed(); } });
    form.addEventListener("submit", function () {
      submitting = true;
      window.sessionStorage.setItem(PREFIX + "submitted", keyFor(location.pathname, lockOf(form)));
    });
    window.addEventListener("beforeunload", function (event) {
      if (submitting || !isDirty()) { return undefined; }
      autosave();
      event.preventDefault();
      event.returnValue = "";
      return "";
    });
    offerRecovery();
    presence();
  });
})();
