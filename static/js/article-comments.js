// Comments on the article form (templates/admin/articles/article/comments.html): the
// "Quote the selection" button copies the text selected in the body's editor into the
// new comment's passage. Without JavaScript the button stays hidden; paste instead.
(function () {
  "use strict";
  var button = document.querySelector(".comment-quote-selection");
  var field = document.getElementById("id_comment_quote");
  if (!button || !field) { return; }
  var selected = "";
  function remember() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.anchorNode) { return; }
    var node = selection.anchorNode.nodeType === 1 ? selection.anchorNode : selection.anchorNode.parentElement;
    if (node && node.closest(".ProseMirror")) { selected = selection.toString().trim(); }
  }
  document.addEventListener("selectionchange", remember);
  button.hidden = false;
  button.addEventListener("click", function () {
    if (!selected) { button.textContent = "Select words in the body first"; return; }
    field.value = selected;
    button.textContent = "Quote the selection";
    document.getElementById("id_comment_body").focus();
  });
})();
