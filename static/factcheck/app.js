// Small progressive enhancements; every page works without this file.
// Loaded with the CSP nonce; no inline handlers anywhere: everything is wired up here.
(function () {
  "use strict";

  // ---- Keyboard: j/k move through lists, a/r decide the focused pair, ? help, / search.
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function items() {
    return Array.from(document.querySelectorAll("[data-nav-item]")).filter(function (el) {
      return el.offsetParent !== null;
    });
  }

  function current() {
    var focused = document.querySelector("[data-nav-item].is-focused");
    if (focused && document.contains(focused)) return focused;
    return document.activeElement ? document.activeElement.closest("[data-nav-item]") : null;
  }

  function focusItem(el) {
    document.querySelectorAll("[data-nav-item].is-focused").forEach(function (other) {
      other.classList.remove("is-focused");
    });
    if (!el) return;
    el.classList.add("is-focused");
    var link = el.querySelector("a[href], button");
    (link && !el.classList.contains("pair") ? link : el).focus({ preventScroll: true });
    if (el.classList.contains("pair") && !el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
    if (el.classList.contains("pair")) el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "nearest" });
  }

  function move(step) {
    var list = items();
    if (!list.length) return;
    var index = list.indexOf(current());
    var next = index < 0 ? (step > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, index + step));
    focusItem(list[next]);
  }

  function decide(which) {
    var item = current();
    var scope = item && item.querySelector("[data-" + which + "]") ? item : null;
    if (!scope) {
      // Nothing focused: show the first pair still waiting, but decide nothing the editor
      // has not seen; the next key press decides it.
      var first = document.querySelector(".pair.decision-pending") || document.querySelector(".pair");
      if (first) focusItem(first);
      return;
    }
    var button = scope.querySelector("[data-" + which + "]");
    if (button) button.click();  // a real click, so htmx sends the button's name and value
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var help = document.getElementById("help");
    if (help && help.open) return;
    switch (event.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "a": decide("accept"); break;
      case "r": decide("reject"); break;
      case "?":
        if (help && help.showModal) help.showModal();
        break;
      case "/": {
        var search = document.querySelector("[data-search]");
        if (!search) return;
        search.focus();
        break;
      }
      default: return;
    }
    event.preventDefault();
  });

  document.addEventListener("click", function (event) {
    var item = event.target.closest && event.target.closest("[data-nav-item]");
    if (item) {
      document.querySelectorAll("[data-nav-item].is-focused").forEach(function (other) {
        if (other !== item) other.classList.remove("is-focused");
      });
      item.classList.add("is-focused");
    }
  });

  // ---- htmx: keep the keyboard place after a swap; say why a request failed.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = event.detail.target;
    if (target && target.id && target.id.indexOf("pair-") === 0) {
      var fresh = document.getElementById(target.id);
      if (fresh) focusItem(fresh);
    }
    if (target && target.id === "panel") {
      var panel = document.getElementById("panel");
      if (panel && event.detail.requestConfig && event.detail.requestConfig.verb === "get") {
        panel.focus({ preventScroll: true });
        // On a tablet the panel sits under the article: bring it into view.
        var box = panel.getBoundingClientRect();
        if (box.top > window.innerHeight || box.bottom < 0) panel.scrollIntoView({ block: "start" });
      }
      // A note written now belongs to the assertion whose panel is open.
      var noteForm = document.querySelector("[data-annotate-form]");
      if (panel && noteForm && noteForm.elements.assertion) noteForm.elements.assertion.value = panel.dataset.assertion || "";
      markSelected();
    }
  });

  document.addEventListener("htmx:responseError", function (event) {
    var flash = document.getElementById("flash");
    if (!flash) return;
    var p = document.createElement("p");
    p.className = "error refusal";
    p.setAttribute("role", "alert");
    p.textContent = "That did not work (" + event.detail.xhr.status + "). Reload the page and try again.";
    flash.replaceChildren(p);
  });

  // The claim whose panel is open is marked in the text, also after htmx navigation.
  function markSelected() {
    var match = /[?&]assertion=(\d+)/.exec(window.location.search);
    document.querySelectorAll(".claim[aria-current]").forEach(function (el) { el.removeAttribute("aria-current"); });
    if (match) {
      var claim = document.getElementById("assertion-" + match[1]);
      if (claim) claim.setAttribute("aria-current", "true");
    }
  }
  window.addEventListener("popstate", markSelected);
  document.addEventListener("htmx:historyRestore", markSelected);

  // ---- Annotating: turn a selection in the article into offsets in article.text.
  // Every run of text in #article-text sits in an element with data-start (its offset in the
  // article's text), and nothing else is text there, so the mapping is exact.
  function offsetIn(root, node, offset) {
    if (node.nodeType === Node.TEXT_NODE) {
      var leaf = node.parentElement.closest("[data-start]");
      if (!leaf || !root.contains(leaf)) return null;
      return Number(leaf.dataset.start) + offset;
    }
    // An element boundary: the start of the child at `offset`, or the end of the last one.
    var child = node.childNodes[offset];
    var leaves;
    if (child) {
      if (child.nodeType === Node.TEXT_NODE) return offsetIn(root, child, 0);
      var first = child.matches && child.matches("[data-start]") ? child : child.querySelector && child.querySelector("[data-start]");
      if (first) return Number(first.dataset.start);
    }
    leaves = (node === root ? root : node).querySelectorAll("[data-start]");
    if (!leaves.length) return null;
    var last = leaves[leaves.length - 1];
    return Number(last.dataset.start) + last.textContent.length;
  }

  function fillAnnotation() {
    var root = document.querySelector("[data-article-text]");
    var form = document.querySelector("[data-annotate-form]");
    if (!root || !form) return;
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return;
    var range = selection.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return;
    var start = offsetIn(root, range.startContainer, range.startOffset);
    var end = offsetIn(root, range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return;
    var text = root.textContent;
    form.elements.quote.value = text.slice(start, end);
    form.elements.start.value = start;
    form.elements.end.value = end;
    form.elements.prefix.value = text.slice(Math.max(0, start - 32), start);
    form.elements.suffix.value = text.slice(end, end + 32);
    var section = form.closest(".annotate");
    if (section) section.classList.add("has-selection");
    var hint = document.querySelector("[data-selection-hint]");
    if (hint) hint.textContent = "Selected characters " + start + "–" + end + ". Write your note and save it.";
  }

  document.addEventListener("mouseup", function (event) {
    if (event.target.closest && event.target.closest("[data-article-text]")) fillAnnotation();
  });
  document.addEventListener("keyup", function (event) {
    if (event.shiftKey && event.target.closest && event.target.closest("[data-article-text]")) fillAnnotation();
  });
  document.addEventListener("selectionchange", function () {
    var selection = window.getSelection();
    if (selection && !selection.isCollapsed && selection.anchorNode) {
      var el = selection.anchorNode.nodeType === Node.TEXT_NODE ? selection.anchorNode.parentElement : selection.anchorNode;
      if (el && el.closest && el.closest("[data-article-text]")) fillAnnotation();
    }
  });

  // Expose for tests and for people who prefer the console.
  window.factcheck = { fillAnnotation: fillAnnotation };
  markSelected();
})();
