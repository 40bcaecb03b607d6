// The glossary's words (spineedu/views/glossary_marks.py): a definition shows while its word
// has the focus, with no script at all. A tap does not focus a button in every browser, so a
// click opens or closes the definition too; Escape closes it and leaves the focus where it is.
(function () {
  var OPEN = "spineedu-term-open";
  var CLOSED = "spineedu-term-closed";
  function termOf(node) {
    var word = node && node.closest ? node.closest(".spineedu-term-word") : null;
    return word ? word.parentElement : null;
  }
  document.addEventListener("click", function (event) {
    var term = termOf(event.target);
    if (!term) { return; }
    var open = !term.classList.contains(OPEN);
    term.classList.toggle(OPEN, open);
    term.classList.toggle(CLOSED, !open);
  });
  document.addEventListener("keydown", function (event) {
    var term = termOf(document.activeElement);
    if (event.key === "Escape" && term) {
      term.classList.remove(OPEN);
      term.classList.add(CLOSED);
    }
  });
  document.addEventListener("focusout", function (event) {
    var term = termOf(event.target);
    if (term) { term.classList.remove(OPEN, CLOSED); }
  });
})();
