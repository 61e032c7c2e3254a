// Comments on the article form (templates/admin/articles/article/comments.html).
// - "Quote the selection" copies the text selected in the body's editor into the new
//   comment's passage (without JavaScript the button stays hidden; paste instead).
// - Posting a comment, a reply, resolve or reopen is sent in the background and the thread
//   redrawn from the page the server answers, so the article's unsaved edits stay in the
//   form. Should that fail, the form is posted the ordinary way.
// - The passages quoted by open threads are highlighted in the body's editor with the CSS
//   Custom Highlight API: nothing is added to the editor's markup (nor to what is saved).
(function () {
  "use strict";
  var selected = "";

  function rangeOf(root, quote) {
    // The text of the editor as one string, with each text node's start in it.
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), nodes = [], text = "";
    while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]); text += walker.currentNode.data; }
    var at = text.indexOf(quote);
    if (at < 0 || !quote) { return null; }
    var range = document.createRange(), end = at + quote.length;
    nodes.forEach(function (entry) {
      var node = entry[0], start = entry[1], stop = start + node.data.length;
      if (at >= start && at <= stop && !range._started) { range.setStart(node, at - start); range._started = true; }
      if (end >= start && end <= stop && !range._ended) { range.setEnd(node, end - start); range._ended = true; }
    });
    return range._started && range._ended ? range : null;
  }

  function highlight() {
    var editor = document.querySelector(".field-body .ProseMirror[contenteditable=\"true\"]");
    if (!editor || !window.CSS || !CSS.highlights || !window.Highlight) { return; }
    var marks = new Highlight();
    document.querySelectorAll("#comments article.comment:not(.is-resolved) > .comment-quote").forEach(function (quote) {
      var range = rangeOf(editor, quote.textContent.trim());
      if (range) { marks.add(range); }
    });
    CSS.highlights.set("comment-quote", marks);
  }
  document.addEventListener("input", highlight);

  function section() { return document.getElementById("comments"); }

  function showQuoteButton() {
    var button = document.querySelector("#comments .comment-quote-selection");
    if (button) { button.hidden = false; }
  }

  document.addEventListener("selectionchange", function () {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.anchorNode) { return; }
    var node = selection.anchorNode.nodeType === 1 ? selection.anchorNode : selection.anchorNode.parentElement;
    if (node && node.closest(".ProseMirror")) { selected = selection.toString().trim(); }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".comment-quote-selection") : null;
    if (!button) { return; }
    if (!selected) { button.textContent = "Select words in the body first"; return; }
    document.getElementById("id_comment_quote").value = selected;
    button.textContent = "Quote the selection";
    document.getElementById("id_comment_body").focus();
  });

  document.addEventListener("submit", function (event) {
    var form = event.target, current = section();
    if (!current || !current.contains(form) || !window.fetch || !window.DOMParser) { return; }
    event.preventDefault();
    window.fetch(form.action, {method: "POST", body: new FormData(form), credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.text();
      })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.getElementById("comments");
        if (!fresh) { throw new Error("no comments in the answer"); }
        var said = page.querySelector(".messagelist li");
        current.innerHTML = fresh.innerHTML;
        showQuoteButton();
        var status = current.querySelector(".comment-status");
        if (status && said) { status.textContent = said.textContent; }
        highlight();
      })
      .catch(function () { form.submit(); });
  });

  showQuoteButton();
  // The editor draws itself after this script runs, when its own script has loaded (not
  // always by the page's load event): highlight again as the body's field changes, for
  // the first seconds (highlighting touches no DOM, so it does not feed the observer).
  highlight();
  var field = document.querySelector(".field-body");
  if (field && window.MutationObserver) {
    var drawn = new MutationObserver(highlight);
    drawn.observe(field, {childList: true, subtree: true, characterData: true, attributes: true});
    window.setTimeout(function () { drawn.disconnect(); }, 10000);
  }
  window.addEventListener("load", highlight);
})();
