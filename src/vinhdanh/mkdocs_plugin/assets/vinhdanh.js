/* vinhdanh: keyboard fixes for every page (WCAG 2.1 AA).
 *
 * - Material turns the single keys "n", ".", "p" and "," into "next page" and "previous
 *   page". Shortcuts of one character fire by mistake for people who use speech input or
 *   type with a pointer (success criterion 2.1.4), and cannot be turned off: they are
 *   stopped here, before Material's own listener on the window sees them.
 * - The colour-scheme switch is a pair of radio buttons; Enter and the arrow keys switch,
 *   Space did nothing (the focused button is already the checked one): it switches too.
 * - The menu button on phones is a label (Material's); Enter works through Material, Space
 *   here; Escape closes the open menu and gives the focus back to the button.
 * - The A–Z letter bar stays on screen while scrolling; a letter's heading must land below
 *   it, not under it: the bar's height (one to four rows, by width) is given to the CSS.
 * - The print button calls the browser's print dialog. */
(function () {
  "use strict";

  var PAGE_KEYS = { n: true, ".": true, p: true, ",": true };

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  window.addEventListener("keydown", function (event) {
    if (PAGE_KEYS[event.key] && !event.ctrlKey && !event.metaKey && !event.altKey && !typing(event.target)) {
      event.stopImmediatePropagation();
    }
  }, true);

  function spaceSwitches(target) {
    if (target.tagName === "LABEL" && target.htmlFor === "__drawer") return target;
    if (!target.classList || !target.classList.contains("md-option") || !target.checked) return null;
    var label = target.nextElementSibling;
    return label && label.tagName === "LABEL" ? label : null;
  }

  document.addEventListener("keydown", function (event) {
    var drawer = document.getElementById("__drawer");
    if (event.key === " " && spaceSwitches(event.target)) {
      event.preventDefault();
      spaceSwitches(event.target).click();
    } else if (event.key === "Escape" && drawer && drawer.checked) {
      drawer.checked = false;
      var button = document.querySelector(".md-header label[for='__drawer']");
      if (button) button.focus();
    }
  });

  /* "In / Lưu PDF" (theme/partials/actions.html): the browser's print dialog, which also saves as PDF.
     Listened to on the document, so that it works on pages swapped in by instant navigation too. */
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-vd-print]")) window.print();
  });

  var letters = document.querySelector(".vd-letters");
  if (letters) {
    var fit = function () {
      document.documentElement.style.setProperty("--vd-letters-height", letters.offsetHeight + "px");
    };
    fit();
    window.addEventListener("resize", fit);
  }
})();
