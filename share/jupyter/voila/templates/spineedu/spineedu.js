// What ipywidgets leaves out for screen readers, added as the widgets appear (Voilà draws them
// after the page has loaded, and redraws when a widget is shown again):
// - a slider's handle is named after the slider's description (WCAG 4.1.2);
// - an output marked spineedu-live is a polite live region, so a new plan is announced
//   (WCAG 4.1.3). The region is the widget's own element, which stays in the page while its
//   content changes, as screen readers need;
// - the headings' hover-only "¶" anchor links leave the tab order, so that a keyboard reaches
//   the explorer's first question in one key press;
// - the radio buttons of one widget share a name, so that they are one group: Tab enters and
//   leaves it in one press and the arrow keys move between answers, as in any form.
(function () {
  var groups = 0;
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
    root.querySelectorAll("a.jp-InternalAnchorLink:not([tabindex])").forEach(function (link) {
      link.setAttribute("tabindex", "-1");
    });
    root.querySelectorAll(".widget-radio-box").forEach(function (box) {
      if (!box.hasAttribute("data-spineedu-group")) {
        groups += 1;
        box.setAttribute("data-spineedu-group", "spineedu-radio-" + groups);
      }
      box.querySelectorAll("input[type=radio]:not([name])").forEach(function (radio) {
        radio.name = box.getAttribute("data-spineedu-group");
      });
    });
    root.querySelectorAll(".spineedu-live:not([role])").forEach(function (region) {
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
    });
  }
  new MutationObserver(function () { repair(document); })
    .observe(document.documentElement, { childList: true, subtree: true });
})();
