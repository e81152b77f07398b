"""Every URL the Wagtail admin registers, read as each kind of person: nothing of a request
outside their scope shows (site history, audit log, search, choosers, reports, exports,
the admin API...).

The URLs come from the resolver, not from a hand list, so a view added later (ours or a
Wagtail upgrade's) is swept too. Each is asked with GET, its parameters filled with a
request the person may not see (or the app and model of requests), and its answer must
hold none of that request's canary strings, nor be a server error.
"""

import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from desk import steps
from workflows import roles

ADMIN_PREFIX = "admin/"
CANARY_ROUTED = "CANARY-SWEEP-ROUTED-4b1d"
CANARY_UNROUTED = "CANARY-SWEEP-UNROUTED-9e7a"
CANARY_NAME = "Canarynom"
# Wagtail's own "failwhale" view raises on purpose, to test error reporting.
DELIBERATE_ERRORS = {"wagtailadmin_error_test"}


def _parameters(pattern):
    if hasattr(pattern.pattern, "converters"):  # path()
        return set(pattern.pattern.converters)
    return set(pattern.pattern.regex.groupindex)  # re_path()


def _admin_patterns(resolver=None, namespace="", route="", parameters=frozenset()):
    """(full URL name, its parameters) of every named pattern under the admin."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        entry_route = route + str(entry.pattern)
        entry_parameters = parameters | _parameters(entry)
        if isinstance(entry, URLResolver):
            entry_namespace = namespace
            if entry.namespace:
                entry_namespace = f"{namespace}{entry.namespace}:"
            yield from _admin_patterns(entry, entry_namespace, entry_route, entry_parameters)
        elif (
            isinstance(entry, URLPattern)
            and entry.name
            and entry_route.lstrip("^").startswith(ADMIN_PREFIX)
        ):
            yield f"{namespace}{entry.name}", entry_parameters


def _value(name, how_to_request):
    if name in {"app_label"}:
        return "desk"
    if name in {"model_name"}:
        return "howtorequest"
    if name in {"step_name", "action_name"}:
        return "note"
    if name.endswith("pk") or name.endswith("id") or name in {"object_id", "pk"}:
        return str(how_to_request.pk)
    return "1"


def admin_urls(how_to_request):
    urls = set()
    for name, parameters in _admin_patterns():
        if name in DELIBERATE_ERRORS:
            continue
        kwargs = {parameter: _value(parameter, how_to_request) for parameter in parameters}
        try:
            urls.add(reverse(name, kwargs=kwargs))
        except NoReverseMatch:
            continue  # a pattern whose parameters these values cannot fill (tokens...)
    return sorted(urls)


@pytest.fixture
def scene(holder, request_data, coordinator, body, expert, committed):
    """A routed request and an unrouted one, each with canaries in what staff could leak:
    the title (audit log labels), the question, an internal note, the holder's name."""
    holder.first_name, holder.last_name = "Zéphyrine", CANARY_NAME
    holder.save()
    routed = steps.file_request(
        holder, request_data(title=f"{CANARY_ROUTED} titre", question=f"{CANARY_ROUTED} ?")
    )
    steps.route(routed, coordinator, [body], "")
    steps.add_note(routed, coordinator, f"{CANARY_ROUTED} note interne")
    unrouted = steps.file_request(
        holder, request_data(title=f"{CANARY_UNROUTED} titre", question=f"{CANARY_UNROUTED} ?")
    )
    return routed, unrouted


@pytest.mark.parametrize(
    "person", ["expert_of_the_body", "other_expert", "editor", "reviewer", "holder"]
)
def test_no_admin_url_shows_a_request_outside_the_persons_scope(
    person, scene, expert, other_expert, editor, holder, make_user
):
    routed, unrouted = scene
    people = {
        "expert_of_the_body": expert,  # sees the routed request, never the unrouted one
        "other_expert": other_expert,
        "editor": editor,
        "reviewer": make_user(roles.REVIEWERS, username="reviewer", is_staff=True),
        "holder": holder,  # their own requests, never through the admin
    }
    user = people[person]  # staff come enrolled in a second factor (tests/factories.py)
    forbidden = (
        [CANARY_UNROUTED]
        if person == "expert_of_the_body"
        else [
            CANARY_ROUTED,
            CANARY_UNROUTED,
            CANARY_NAME,
        ]
    )
    target = unrouted if person == "expert_of_the_body" else routed
    client = Client(raise_request_exception=False)  # a server error is counted, not raised
    client.force_login(user)
    urls = admin_urls(target)
    assert len(urls) > 200  # the walk found Wagtail's admin, not a handful of URLs
    leaks, errors = [], []
    for url in urls:
        response = client.get(url)
        if response.status_code >= 500:
            errors.append(f"{response.status_code} {url}")
            continue
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = content.decode(errors="replace")
        leaks.extend(f"{url}: {canary}" for canary in forbidden if canary in text)
    assert not errors, "\n".join(errors)
    assert not leaks, "\n".join(leaks)


def test_the_sweep_sees_what_a_person_may_see(client, scene, expert):
    """The sweep's check can fail: the routed request's expert reads its canary there."""
    routed, _ = scene
    client.force_login(expert)
    page = client.get(reverse("desk_admin:inspect", args=[routed.pk]))
    assert CANARY_ROUTED in page.content.decode()
    history = client.get(reverse("wagtailadmin_reports:site_history_results"))
    assert CANARY_ROUTED in history.content.decode()
