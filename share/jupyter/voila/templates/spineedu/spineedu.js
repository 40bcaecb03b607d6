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

// A lesson whose kernel has ended (killed, out of memory, restarted by the server, culled)
// cannot answer any more: say so and offer a reload, instead of widgets that silently do
// nothing. The kernel reports "restarting"/"dead" on its websocket, or the socket closes. A
// closed socket alone is not proof: a network blip closes it too and the page reconnects, so
// the server is asked whether the kernel still exists (GET /api/kernels/<id>: 404 when it has
// ended), and the notice waits until it has not, or until the socket has stayed down for good.
(function () {
  var NativeWebSocket = window.WebSocket;
  var shown = false;
  var DEAD = /"execution_state"\s*:\s*"(restarting|dead)"/;
  var CHECK_MS = 2000;       // between two questions to the server while the socket is down
  var GIVE_UP_MS = 60000;    // no socket and no answer for this long: the lesson is lost
  var open = {};             // open kernel sockets, by kernel URL
  var checking = {};

  function kernelLost() {
    if (shown || document.visibilityState === "hidden") { return; }
    var main = document.querySelector("#rendered_cells main");
    if (!main) { return; }
    shown = true;
    var note = document.createElement("div");
    note.className = "spineedu-kernel-lost";
    note.setAttribute("role", "alert");
    note.innerHTML = "<p><strong>This lesson has stopped responding.</strong> The program " +
      "behind the page (its kernel) has ended, so the controls no longer change anything. " +
      "Reload the page to start the lesson again; nothing is lost.</p>" +
      "<button type=\"button\">Reload the page</button>";
    note.querySelector("button").addEventListener("click", function () {
      window.location.reload();
    });
    main.insertBefore(note, main.firstChild);
    note.scrollIntoView({ block: "nearest" });
  }

  // while no socket of this kernel is open: ask the server, until it is back or known gone
  function check(kernel, since) {
    if (shown || open[kernel] > 0) { checking[kernel] = false; return; }
    fetch(kernel, { cache: "no-store", credentials: "same-origin" }).then(function (response) {
      if (response.status === 404 || response.status === 410) { kernelLost(); return; }
      later(kernel, since);
    }, function () { later(kernel, since); });
  }

  function later(kernel, since) {
    if (Date.now() - since > GIVE_UP_MS) { kernelLost(); return; }
    setTimeout(function () { check(kernel, since); }, CHECK_MS);
  }

  function closed(kernel, wasOpen) {
    if (wasOpen) { open[kernel] = Math.max(0, (open[kernel] || 0) - 1); }
    if (checking[kernel]) { return; }
    checking[kernel] = true;
    // a page being left closes its socket too: only a page still shown reports it
    setTimeout(function () { check(kernel, Date.now()); }, 500);
  }

  var STATUS_SIZE = 4096;  // a kernel status message is small; widget updates are not read

  function text(data) {
    if (typeof data === "string") { return data.length <= STATUS_SIZE ? data : ""; }
    if (data instanceof ArrayBuffer && data.byteLength <= STATUS_SIZE) {
      return new TextDecoder().decode(new Uint8Array(data));
    }
    return "";
  }

  function SpineEduWebSocket(url, protocols) {
    var socket = protocols === undefined ? new NativeWebSocket(url)
                                         : new NativeWebSocket(url, protocols);
    var match = /^(wss?)(:\/\/.*\/api\/kernels\/[^/?#]+)\/channels/.exec(String(url));
    if (match) {
      var kernel = (match[1] === "wss" ? "https" : "http") + match[2];
      var wasOpen = false;
      socket.addEventListener("open", function () {
        wasOpen = true;
        open[kernel] = (open[kernel] || 0) + 1;
      });
      socket.addEventListener("close", function () { closed(kernel, wasOpen); });
      socket.addEventListener("message", function (event) {
        if (DEAD.test(text(event.data))) { kernelLost(); }
      });
    }
    return socket;
  }
  SpineEduWebSocket.prototype = NativeWebSocket.prototype;
  ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (name) {
    SpineEduWebSocket[name] = NativeWebSocket[name];
  });
  window.WebSocket = SpineEduWebSocket;
  window.addEventListener("beforeunload", function () { shown = true; });
})();
