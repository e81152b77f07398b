"""axe-core on the main public pages: no serious or critical violation.

axe is injected into the page as a script, which the site's Content-Security-Policy rightly
refuses; these contexts alone bypass the policy (the journeys keep it and fail on any
violation of it).
"""

import re
import xml.etree.ElementTree as ET

import pytest

from .conftest import AXE_SCRIPT, public_sign_in

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BLOCKING = {"serious", "critical"}


def a_guide_path(context):
    """The address of a guide, from the sitemap: /modes-d-emploi/<body>/<guide>/."""
    response = context.request.get("/sitemap.xml")
    assert response.ok
    for loc in ET.fromstring(response.body()).iterfind("s:url/s:loc", SITEMAP_NS):
        match = re.search(r"(/modes-d-emploi/[^/]+/[^/]+/)$", loc.text)
        if match:
            return match.group(1)
    raise AssertionError("no guide in the sitemap")


def a_project_path(context):
    """The team's page of the signed-in holder's first project: /mes-projets/<uuid>/."""
    response = context.request.get("/mes-projets/")
    assert response.ok
    match = re.search(r'href="(/mes-projets/[0-9a-f-]{36}/)"', response.text())
    assert match, "no project under My projects"
    return match.group(1)


PAGES = {
    "home": (None, lambda context: "/"),
    "guide": (None, a_guide_path),
    "search-results": (None, lambda context: "/recherche/?q=énergie"),
    "request-form": ("porteur@example.org", lambda context: "/demandes/nouvelle/"),
    "my-requests": ("porteur@example.org", lambda context: "/demandes/"),
    "project": ("porteuse-commune@example.org", a_project_path),
    "project-members": (
        "porteuse-commune@example.org",
        lambda context: a_project_path(context) + "membres/",
    ),
    "showcase": (None, lambda context: "/projets/"),
}


def describe(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"  - {' '.join(map(str, node['target']))}")
    return "\n".join(lines)


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violation(name, new_context, screenshots):
    account, path_of = PAGES[name]
    context = new_context(bypass_csp=True)
    page = context.new_page()
    if account:
        public_sign_in(page, account)
        page.wait_for_url(re.compile(r"/demandes/$"))
    page.goto(path_of(context))
    page.add_script_tag(path=AXE_SCRIPT)
    results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    screenshots(f"accessibility/{name}")(page, name)
    assert results["passes"], "axe checked nothing"
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"axe on {page.url}:\n{describe(blocking)}"
