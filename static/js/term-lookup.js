// Progressive enhancement for the listing's term finders: suggest terms as
// the reader types (names, aliases and near spellings, from /terms/lookup.json).
// Without JavaScript the field still works: the server accepts a name, an
// alias or a near spelling and says which term it used.
(function () {
  "use strict";
  document.querySelectorAll("input[data-term-lookup]").forEach(function (input, n) {
    var list = document.createElement("datalist");
    list.id = "term-lookup-" + n;
    input.setAttribute("list", list.id);
    input.after(list);
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var text = input.value.trim();
      if (text.length < 2) { return; }
      timer = setTimeout(function () {
        var url = input.dataset.termLookup + "&q=" + encodeURIComponent(text);
        fetch(url, { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.results.map(function (term) {
              var option = document.createElement("option");
              option.value = term.name;
              return option;
            }));
          })
          .catch(function () { /* suggestions are a convenience; typing still works */ });
      }, 150);
    });
  });
})();
