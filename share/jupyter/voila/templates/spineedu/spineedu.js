// What ipywidgets leaves out for screen readers, added as the widgets appear (Voilà draws them
// after the page has loaded, and redraws when a widget is shown again):
// - a slider's handle is named after the slider's description (WCAG 4.1.2);
// - an output marked spineedu-live is a polite live region, so a new plan is announced
//   (WCAG 4.1.3). The region is the widget's own element, which stays in the page while its
//   content changes, as screen readers need.
(function () {
  function label(widget) {
    var description = widget.querySelector(".widget-label");
    return description ? description.textContent.trim() : "";
  }
  function repair(root) {
    root.querySelectorAll(".widget-slider").forEach(function (slider) {
      var handle = slider.querySelector(".noUi-handle");
      if (handle && !handle.hasAttribute("aria-label") && label(slider)) {
        handle.setAttribute("aria-label", label(slider));
      }
    });
    root.querySelectorAll(".spineedu-live:not([role])").forEach(function (region) {
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
    });
  }
  new MutationObserver(function () { repair(document); })
    .observe(document.documentElement, { childList: true, subtree: true });
})();
