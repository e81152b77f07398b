"""Collect Content-Security-Policy violations in a Playwright page (for browser tests).

    from tests.site.csp import watch_csp_violations

    violations = watch_csp_violations(page)  # before page.goto(...)
    page.goto(url)
    ...  # the interactions under test
    assert violations == []

Chromium fires a `securitypolicyviolation` event in the document for every script, style,
image, frame, connection or eval the policy blocks (it also logs a "Refused to ..." console
error, not used here to avoid counting each one twice). The script added here runs in every
frame, including Wagtail's preview iframe, and reports each violation on the console, where
Playwright hands it to Python as "<directive> blocked <url or 'inline'> on <page url>".
"""

_MARK = "CSP-VIOLATION "
_LISTENER = f"""
document.addEventListener("securitypolicyviolation", (event) => {{
    console.error("{_MARK}" + event.effectiveDirective + " blocked "
        + (event.blockedURI || "inline") + " on " + event.documentURI
        + (event.sample ? " (" + event.sample + ")" : ""));
}});
"""


def watch_csp_violations(page):
    """Record the CSP violations of `page` from now on; returns the list they are added to."""
    violations = []

    def on_console(message):
        if message.text.startswith(_MARK):
            violations.append(message.text.removeprefix(_MARK))

    page.add_init_script(_LISTENER)
    page.on("console", on_console)
    return violations
