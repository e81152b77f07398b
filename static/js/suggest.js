/*
 * Suggestions while typing, from GET <suggest url>?q=… (JSON list of {id, title, url, kind}).
 *
 * 1. Request form: an element with [data-similar-guidance] (hidden, heading from the template) is
 *    filled with links to guides and answered questions matching the title and question fields.
 * 2. Header search: an input with [data-suggest] gets a list of links below it; Escape closes it.
 *
 * Progressive enhancement: without this script the form and the search work as before. Plain
 * ES2017, no library. Typing is never blocked; network or server failures are silent.
 */
(function () {
    "use strict";

    if (!window.fetch || !window.AbortController || !document.querySelector) {
        return;
    }

    const DELAY = 300; // ms of pause before asking
    const MAX_CHARS = 200; // the endpoint's limit
    const MIN_CHARS = 3; // the endpoint answers [] below this
    const MAX_ITEMS = 5;

    /* Only links to this site, over http(s): never a javascript: or data: URL. */
    function safeUrl(value) {
        if (typeof value !== "string" || !value) {
            return null;
        }
        try {
            const url = new URL(value, window.location.href);
            if ((url.protocol === "http:" || url.protocol === "https:") && url.origin === window.location.origin) {
                return url.href;
            }
        } catch (error) {
            return null;
        }
        return null;
    }

    function clean(items) {
        if (!Array.isArray(items)) {
            return [];
        }
        const seen = new Set();
        const out = [];
        for (const item of items) {
            const href = item && safeUrl(item.url);
            const title = item && typeof item.title === "string" ? item.title.trim() : "";
            if (href && title && !seen.has(href)) {
                seen.add(href);
                out.push({ href, title });
            }
            if (out.length >= MAX_ITEMS) {
                break;
            }
        }
        return out;
    }

    /*
     * Calls onResults(items) with the suggestions for getText(), after a pause, only when the text
     * changed; an older request still running is cancelled. Returns {schedule, cancel}.
     */
    function createSuggester(endpoint, getText, onResults) {
        let timer = null;
        let controller = null;
        let lastText = null;
        let sequence = 0;

        function cancel() {
            window.clearTimeout(timer);
            timer = null;
            if (controller) {
                controller.abort();
                controller = null;
            }
        }

        async function run() {
            timer = null;
            const text = getText().replace(/\s+/g, " ").trim().slice(0, MAX_CHARS).trim();
            if (text === lastText) {
                return;
            }
            lastText = text;
            if (controller) {
                controller.abort();
                controller = null;
            }
            if (text.length < MIN_CHARS) {
                sequence += 1; // an answer still on its way is now out of date
                onResults([]);
                return;
            }
            const current = ++sequence;
            const ownController = new AbortController();
            controller = ownController;
            try {
                const url = new URL(endpoint, window.location.href);
                url.searchParams.set("q", text);
                const response = await fetch(url.href, {
                    signal: ownController.signal,
                    credentials: "same-origin",
                    headers: { Accept: "application/json" },
                });
                if (!response.ok) {
                    throw new Error("HTTP " + response.status);
                }
                const data = await response.json();
                if (current === sequence) {
                    onResults(clean(data));
                }
            } catch (error) {
                // Aborted or failed: say nothing. Forget the text so that the next change retries.
                if (current === sequence && error.name !== "AbortError") {
                    lastText = null;
                }
            } finally {
                if (controller === ownController) {
                    controller = null;
                }
            }
        }

        function schedule() {
            window.clearTimeout(timer);
            timer = window.setTimeout(run, DELAY);
        }

        return { schedule, cancel };
    }

    function sameLinks(list, items) {
        const links = list.querySelectorAll("a");
        if (links.length !== items.length) {
            return false;
        }
        return items.every((item, index) => links[index].href === item.href && links[index].textContent === item.title);
    }

    function fillList(list, items, linkClass) {
        const fragment = document.createDocumentFragment();
        for (const item of items) {
            const li = document.createElement("li");
            const a = document.createElement("a");
            a.href = item.href;
            a.textContent = item.title; // text, never HTML
            if (linkClass) {
                a.className = linkClass;
            }
            li.appendChild(a);
            fragment.appendChild(li);
        }
        while (list.firstChild) {
            list.removeChild(list.firstChild);
        }
        list.appendChild(fragment);
    }

    /* 1. The request form: "Already answered? These may help". */
    function initSimilarGuidance(section) {
        const endpoint = section.getAttribute("data-suggest-url");
        const list = section.querySelector("[data-similar-guidance-list]") || section.querySelector("ul, ol");
        const fields = (section.getAttribute("data-fields") || "id_title id_question")
            .split(/\s+/)
            .map((id) => document.getElementById(id))
            .filter(Boolean);
        if (!endpoint || !list || !fields.length) {
            return;
        }

        function getText() {
            return fields.map((field) => field.value || "").join(" ");
        }

        let pendingFill = null;

        function show(items) {
            window.clearTimeout(pendingFill);
            if (!items.length) {
                if (!section.hidden) {
                    section.hidden = true;
                    fillList(list, []);
                }
                return;
            }
            if (!section.hidden && sameLinks(list, items)) {
                return; // nothing new: do not make screen readers repeat it
            }
            if (section.hidden) {
                // Show the (empty) live region first, then fill it, so that it is announced.
                fillList(list, []);
                section.hidden = false;
                pendingFill = window.setTimeout(() => fillList(list, items), 50);
            } else {
                fillList(list, items);
            }
        }

        const suggester = createSuggester(endpoint, getText, show);
        for (const field of fields) {
            field.addEventListener("input", suggester.schedule);
        }
        // A form shown again with its values (after an error) gets its suggestions too.
        if (getText().trim().length >= MIN_CHARS) {
            suggester.schedule();
        }
    }

    /* 2. The header search: a list of links below the input. */
    let headerCount = 0;

    function initHeaderSuggest(input) {
        const form = input.form;
        const endpoint = input.getAttribute("data-suggest-url");
        if (!form || !endpoint) {
            return;
        }
        headerCount += 1;
        const list = document.createElement("ul");
        list.id = (input.id || "search") + "-suggestions-" + headerCount;
        list.className = "header-suggest";
        list.hidden = true;
        const label = input.getAttribute("data-suggest-label");
        if (label) {
            list.setAttribute("aria-label", label);
        }
        const field = input.closest(".search-field") || input;
        field.parentNode.insertBefore(list, field.nextSibling);
        input.setAttribute("aria-controls", list.id);
        input.setAttribute("autocomplete", "off");

        function close() {
            list.hidden = true;
        }

        function show(items) {
            if (!items.length) {
                close();
                fillList(list, []);
                return;
            }
            if (!sameLinks(list, items)) {
                fillList(list, items);
            }
            // Only while the person is still in the search box.
            list.hidden = document.activeElement !== input && !list.contains(document.activeElement);
        }

        const suggester = createSuggester(endpoint, () => input.value, show);
        input.addEventListener("input", suggester.schedule);
        input.addEventListener("focus", () => {
            if (list.firstChild) {
                list.hidden = false;
            }
        });

        form.addEventListener("keydown", (event) => {
            const links = Array.prototype.slice.call(list.querySelectorAll("a"));
            const index = links.indexOf(document.activeElement);
            if (event.key === "Escape" || event.key === "Esc") {
                if (!list.hidden) {
                    event.preventDefault();
                    close();
                    input.focus();
                }
            } else if (event.key === "ArrowDown" && !list.hidden && links.length) {
                event.preventDefault();
                links[Math.min(index + 1, links.length - 1)].focus();
            } else if (event.key === "ArrowUp" && index >= 0) {
                event.preventDefault();
                if (index === 0) {
                    input.focus();
                } else {
                    links[index - 1].focus();
                }
            }
        });

        // Keep the focus in the box while a suggestion is clicked (Safari does not focus links).
        list.addEventListener("mousedown", (event) => event.preventDefault());

        form.addEventListener("focusout", () => {
            window.setTimeout(() => {
                if (!form.contains(document.activeElement)) {
                    close();
                }
            }, 0);
        });

        form.addEventListener("submit", () => {
            suggester.cancel();
            close();
        });
    }

    function init() {
        document.querySelectorAll("[data-similar-guidance]").forEach(initSimilarGuidance);
        document.querySelectorAll("input[data-suggest]").forEach(initHeaderSuggest);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
