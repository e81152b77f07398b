/*
 * The answer form's "pages the answer relies on" (desk/citation_fields.py): a search box on the
 * suggestions API (GET <data-suggest-url>?q=…, JSON list of {id, title, url, kind}) whose results
 * each have a "Cite" button; a cited page becomes a ticked box named after the field (untick it to
 * remove it), which the server reads with the page numbers or addresses typed in the text box.
 *
 * Progressive enhancement: without this script the text box alone works. Keyboard: Tab reaches
 * the results' buttons; ArrowDown from the box goes to the first, ArrowUp/ArrowDown move between
 * them, Escape returns to the box; Enter in the box never sends the form. Plain ES2017.
 */
(function () {
    "use strict";

    if (!window.fetch || !window.AbortController || !document.querySelector) {
        return;
    }

    const DELAY = 300; // ms of pause before asking
    const MIN_CHARS = 3; // the endpoint answers [] below this
    const MAX_CHARS = 200;

    function initCite(root) {
        const endpoint = root.getAttribute("data-suggest-url");
        const name = root.getAttribute("data-name");
        const kinds = (root.getAttribute("data-kinds") || "").split(/\s+/).filter(Boolean);
        const search = root.querySelector("[data-cite-search]");
        const input = root.querySelector("[data-cite-input]");
        const results = root.querySelector("[data-cite-results]");
        const chosen = root.querySelector("[data-cite-chosen]");
        const none = root.querySelector("[data-cite-none]");
        const status = root.querySelector("[data-cite-status]");
        if (!endpoint || !name || !search || !input || !results || !chosen) {
            return;
        }
        search.hidden = false;

        let timer = null;
        let controller = null;
        let lastText = null;

        function say(text) {
            // Emptied first, so that the same words said twice are announced twice.
            status.textContent = "";
            window.setTimeout(() => {
                status.textContent = text;
            }, 50);
        }

        function chosenIds() {
            return Array.prototype.map.call(
                chosen.querySelectorAll("input[type=checkbox]"),
                (box) => box.value,
            );
        }

        function cite(item) {
            const existing = chosen.querySelector('input[type=checkbox][value="' + item.id + '"]');
            if (existing) {
                existing.checked = true;
            } else {
                const li = document.createElement("li");
                const label = document.createElement("label");
                const box = document.createElement("input");
                box.type = "checkbox";
                box.name = name;
                box.value = item.id;
                box.checked = true;
                label.appendChild(box);
                label.appendChild(document.createTextNode(" " + item.title));
                li.appendChild(label);
                chosen.appendChild(li);
            }
            if (none) {
                none.hidden = true;
            }
            say((root.getAttribute("data-added-label") || "") + " " + item.title);
            showResults(lastItems);
            input.focus();
        }

        let lastItems = [];

        function showResults(items) {
            lastItems = items;
            const taken = new Set(chosenIds());
            while (results.firstChild) {
                results.removeChild(results.firstChild);
            }
            for (const item of items) {
                const li = document.createElement("li");
                const button = document.createElement("button");
                button.type = "button";
                button.className = "button button-small button-secondary";
                const label = root.getAttribute("data-cite-label") || "Cite “%(title)s”";
                button.textContent = label.replace("%(title)s", item.title);
                if (item.kindLabel) {
                    button.textContent += " (" + item.kindLabel + ")";
                }
                if (taken.has(String(item.id))) {
                    button.disabled = true;
                }
                button.addEventListener("click", () => cite(item));
                li.appendChild(button);
                results.appendChild(li);
            }
        }

        function clean(data) {
            if (!Array.isArray(data)) {
                return [];
            }
            return data
                .filter((item) => item && Number.isInteger(item.id) && typeof item.title === "string")
                .filter((item) => !kinds.length || kinds.indexOf(item.kind) >= 0)
                .map((item) => ({
                    id: String(item.id),
                    title: item.title.trim(),
                    kindLabel: typeof item.kind_label === "string" ? item.kind_label : "",
                }));
        }

        async function run() {
            timer = null;
            const text = input.value.replace(/\s+/g, " ").trim().slice(0, MAX_CHARS);
            if (text === lastText) {
                return;
            }
            lastText = text;
            if (controller) {
                controller.abort();
            }
            if (text.length < MIN_CHARS) {
                showResults([]);
                return;
            }
            const own = new AbortController();
            controller = own;
            try {
                const url = new URL(endpoint, window.location.href);
                url.searchParams.set("q", text);
                const response = await fetch(url.href, {
                    signal: own.signal,
                    credentials: "same-origin",
                    headers: { Accept: "application/json" },
                });
                if (!response.ok) {
                    throw new Error("HTTP " + response.status);
                }
                const items = clean(await response.json());
                if (controller === own) {
                    showResults(items);
                    if (!items.length) {
                        say(root.getAttribute("data-none-label") || "");
                    }
                }
            } catch (error) {
                if (error.name !== "AbortError") {
                    lastText = null; // the next change asks again
                }
            } finally {
                if (controller === own) {
                    controller = null;
                }
            }
        }

        input.addEventListener("input", () => {
            window.clearTimeout(timer);
            timer = window.setTimeout(run, DELAY);
        });

        input.addEventListener("keydown", (event) => {
            if (event.key === "Enter") {
                event.preventDefault(); // the answer is sent by its own button
                window.clearTimeout(timer);
                run();
            } else if (event.key === "ArrowDown") {
                const first = results.querySelector("button:not([disabled])");
                if (first) {
                    event.preventDefault();
                    first.focus();
                }
            }
        });

        results.addEventListener("keydown", (event) => {
            const buttons = Array.prototype.slice.call(results.querySelectorAll("button:not([disabled])"));
            const index = buttons.indexOf(document.activeElement);
            if (event.key === "Escape" || event.key === "Esc") {
                event.preventDefault();
                input.focus();
            } else if (event.key === "ArrowDown" && index >= 0 && index < buttons.length - 1) {
                event.preventDefault();
                buttons[index + 1].focus();
            } else if (event.key === "ArrowUp" && index >= 0) {
                event.preventDefault();
                (index === 0 ? input : buttons[index - 1]).focus();
            }
        });
    }

    function init() {
        document.querySelectorAll("[data-cite]").forEach(initCite);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
