// Comments on the article form (templates/admin/articles/article/comments.html).
// - "Quote the selection" copies the text selected in the body's editor into the new
//   comment's passage (without JavaScript the button stays hidden; paste instead).
// - Posting a comment, a reply, resolve or reopen is sent in the background and the thread
//   redrawn from the page the server answers, so the article's unsaved edits stay in the
//   form. Should that fail, the form is posted the ordinary way.
(function () {
  "use strict";
  var selected = "";

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
      })
      .catch(function () { form.submit(); });
  });

  showQuoteButton();
})();
