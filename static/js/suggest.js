/*
 * Suggestions while typing, from GET <suggest url>?q=… (JSON list of {id, title, url, kind}).
 *
 * 1. Request form: an element with [data-similar-guidance] (hidden, heading from the template) is
 *    filled with links to guides and answered questions matching the title and question fields.
 * 2. Header search: an input with [data-suggest] gets a list of links below it; Escape closes it.
 * 3. What they achieve (search/statistics.py, counted linked to nobody): a beacon to the search
 *    page's event URL when a search result, a header suggestion or a request form's suggestion
 *    is opened, and when the request form first shows suggestions. The request form's hidden
 *    inputs say what its visit showed and opened, read by the desk when the request is filed.
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

    /* One event (search.views.event), sent even as the page is left; failures are silent. */
    function sendEvent(url, fields) {
        if (!url || !navigator.sendBeacon) {
            return;
        }
        try {
            navigator.sendBeacon(url, new URLSearchParams(fields));
        } catch (error) {
            // Counting never gets in the way.
        }
    }

    /* Calls onOpen(link) when a link inside `container` is opened, by click, middle click or
     * keyboard (Enter fires click). */
    function onLinkOpened(container, onOpen) {
        function handle(event) {
            if (event.type === "auxclick" && event.button !== 1) {
                return;
            }
            const link = event.target.closest ? event.target.closest("a[href]") : null;
            if (link && container.contains(link)) {
                onOpen(link);
            }
        }
        container.addEventListener("click", handle);
        container.addEventListener("auxclick", handle);
    }

    function sameLinks(list, items) {
        const links = list.querySelectorAll("a");
        if (links.length !== items.length) {
            return false;
        }
        return items.every((item, index) => links[index].href === item.href && links[index].firstChild.nodeValue === item.title);
    }

    function fillList(list, items, linkClass, newTabLabel) {
        const fragment = document.createDocumentFragment();
        for (const item of items) {
            const li = document.createElement("li");
            const a = document.createElement("a");
            a.href = item.href;
            a.textContent = item.title; // text, never HTML
            if (linkClass) {
                a.className = linkClass;
            }
            if (newTabLabel) {
                // The request form stays as typed in its own tab (RGAA 13.2: said in the link).
                a.target = "_blank";
                a.rel = "noopener";
                const note = document.createElement("span");
                note.className = "visually-hidden";
                note.textContent = " " + newTabLabel;
                a.appendChild(note);
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

        const eventUrl = section.getAttribute("data-event-url");
        const newTabLabel = section.getAttribute("data-new-tab-label") || "";
        const form = section.closest("form");
        const shownInput = form && form.querySelector("[data-suggestions-shown]");
        const openedInput = form && form.querySelector("[data-suggestion-opened]");

        /* Once per visit of the form: the hidden input says it was sent (and is kept when
         * the form comes back after an error). */
        function once(input, event) {
            if (input && input.value !== "1") {
                input.value = "1";
                sendEvent(eventUrl, { event });
            }
        }

        onLinkOpened(list, () => once(openedInput, "form_opened"));

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
            once(shownInput, "form_shown");
            if (!section.hidden && sameLinks(list, items)) {
                return; // nothing new: do not make screen readers repeat it
            }
            if (section.hidden) {
                // Show the (empty) live region first, then fill it, so that it is announced.
                fillList(list, []);
                section.hidden = false;
                pendingFill = window.setTimeout(() => fillList(list, items, "", newTabLabel), 50);
            } else {
                fillList(list, items, "", newTabLabel);
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

        // The search page's event URL, next to the form's action (/recherche/ -> /recherche/evenement).
        const eventUrl = new URL("evenement", form.action).href;
        onLinkOpened(list, () => sendEvent(eventUrl, { event: "header_suggestion" }));

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

    /* 3. The search page: which rank of the results was opened. */
    function initSearchClicks(list) {
        const eventUrl = list.getAttribute("data-event-url");
        const query = list.getAttribute("data-query") || "";
        const signature = list.getAttribute("data-query-signature") || "";
        const offset = parseInt(list.getAttribute("data-rank-offset") || "0", 10) || 0;
        const items = Array.prototype.slice.call(list.children);
        onLinkOpened(list, (link) => {
            const index = items.indexOf(link.closest("li"));
            const rank = offset + index + 1;
            if (index >= 0 && rank <= 50 && query) {
                sendEvent(eventUrl, {
                    event: "result",
                    q: query.slice(0, MAX_CHARS),
                    sig: signature,
                    rank: String(rank),
                });
            }
        });
    }

    function init() {
        document.querySelectorAll("[data-similar-guidance]").forEach(initSimilarGuidance);
        document.querySelectorAll("input[data-suggest]").forEach(initHeaderSuggest);
        document.querySelectorAll("[data-search-clicks]").forEach(initSearchClicks);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
