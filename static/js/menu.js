/*
 * The main menu folds under a "Menu" button on small screens (static/css/site.css hides the
 * button above 48rem, and below it the list unless the menu is open).
 *
 * Progressive enhancement: without this script the button stays hidden and the menu is shown
 * in full. A native button, so Enter and Space work; Escape closes the open menu and gives
 * the focus back to the button. Plain ES2017, no library, no inline script (strict CSP).
 */
(function () {
    "use strict";

    const nav = document.querySelector("[data-collapsible-menu]");
    if (!nav) {
        return;
    }
    const toggle = nav.querySelector(".main-nav__toggle");
    const list = nav.querySelector(".main-nav__list");
    if (!toggle || !list) {
        return;
    }

    function setOpen(open) {
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        nav.classList.toggle("main-nav--open", open);
    }

    nav.classList.add("main-nav--collapsible");
    toggle.hidden = false;
    setOpen(false);

    toggle.addEventListener("click", function () {
        setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });

    nav.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
            setOpen(false);
            toggle.focus();
        }
    });
})();
