"""The public showcase: a project is shown only with its owner's consent, with what may be
public and nothing else (canary strings planted in everything private), kept in step by
the after-commit task, idempotently, and its pages are cheap, accessible and valid."""

import datetime
import re
import uuid

import feedparser
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Revision

from knowledge.models import (
    ActionStatus,
    MasterPlanPage,
    PillarPage,
    ProjectIndexPage,
    ProjectPage,
    RoadmapAction,
    RoadmapActionIndexPage,
)
from projects import steps
from projects.models import Decision, ProjectStage
from projects.showcase import Synced, sync
from projects.states import EvaluationState
from search import indexing, service
from search.query import SearchQuery
from tests.factories import (
    PriorityFactory,
    ProjectFactory,
    TerritoryFactory,
    UserFactory,
    add_page,
)
from tests.projects.conftest import full_scores
from workflows import roles

pytestmark = pytest.mark.django_db

# Everything private about the project, its team and its evaluation: none of these may
# reach a public page, a feed or a search result.
CANARIES = {
    "owner_name": "Zéphyrine",
    "owner_surname": "Canaripropriétaire",
    "owner_email": "zephyrine.canari@example.org",
    "member_name": "Anatole",
    "member_surname": "Canarimembre",
    "member_email": "anatole.canari@example.org",
    "evaluator_name": "Hortense",
    "evaluator_surname": "Canarivaluatrice",
    "evaluator_email": "hortense.canari@example.org",
    "score_justification": "CANARI-JUSTIFICATION-DE-NOTE",
    "notes": "CANARI-NOTES-PRIVEES",
    "opinion": "CANARI-AVIS-CONSOLIDE",
    "funding": "CANARI-DETAIL-FINANCEMENT",
}
PUBLIC_JUSTIFICATION = "Un projet qui articule trois piliers et mobilise tout le bassin."
SUMMARY = "Un réseau de chaleur alimenté par la biomasse et la récupération industrielle."


@pytest.fixture
def client(client):
    """A visitor reading the site in English (the UI's msgids); the pages' content, the
    projects' labels included, is in the site's language, French."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def french(label):
    with translation.override("fr"):
        return str(label)


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """Run what a step leaves for after its commit (the showcase task, then the search
    index and the page cache), as a real commit would: `with after_commit(): ...`."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def search_database(settings):
    settings.SEARCH_URL = ""
    indexing.rebuild()


@pytest.fixture
def showcase(home):
    return add_page(home, ProjectIndexPage, title="Projets", slug="projets")


@pytest.fixture
def accountability(home):
    return add_page(
        home, RoadmapActionIndexPage, title="Actions de la feuille de route", slug="actions"
    )


@pytest.fixture
def pillars(home):
    plan = add_page(home, MasterPlanPage, title="Master plan", slug="master-plan")
    return [
        add_page(plan, PillarPage, title="Énergies renouvelables", slug="enr"),
        add_page(plan, PillarPage, title="Bâtiments producteurs", slug="batiments"),
        add_page(plan, PillarPage, title="Réseaux intelligents", slug="reseaux"),
    ]


@pytest.fixture
def heat_action(db):
    return RoadmapAction.objects.create(
        title="Développer les réseaux de chaleur",
        commitment="Dix réseaux de chaleur renouvelable d'ici 2020.",
        status=ActionStatus.IN_PROGRESS,
        progress=40,
        progress_note="Quatre réseaux en service.",
        target_date=datetime.date(2020, 12, 31),
    )


@pytest.fixture
def team(make_user):
    owner = make_user(
        username="owner-canary",
        first_name=CANARIES["owner_name"],
        last_name=CANARIES["owner_surname"],
        email=CANARIES["owner_email"],
    )
    member = make_user(
        username="member-canary",
        first_name=CANARIES["member_name"],
        last_name=CANARIES["member_surname"],
        email=CANARIES["member_email"],
    )
    return owner, member


@pytest.fixture
def heat_network(team, pillars, heat_action):
    from projects.models import Membership

    owner, member = team
    basin = TerritoryFactory(name="Bassin minier", slug="bassin-minier")
    renewables = PriorityFactory(name="Énergies renouvelables", slug="enr")
    project = ProjectFactory(
        owner=owner,
        title="Réseau de chaleur de l'agglomération",
        summary=SUMMARY,
        organisations="Commune de Loos-en-Gohelle\nBailleur social du bassin",
        territory=basin,
        priorities=[renewables],
        stage=ProjectStage.WORKS,
        partners="Association des habitants",
        expected_effects="Moins de 4 000 tonnes de CO2 par an.",
        funding_details=CANARIES["funding"],
        budget=1_200_000,
    )
    Membership.objects.create(project=project, user=member)
    project.pillars.set(pillars[:2])
    project.roadmap_actions.set([heat_action])
    return project


@pytest.fixture
def canary_evaluators(staff_roles, make_user):
    first = make_user(
        roles.REVIEWERS,
        username="evaluator-canary",
        first_name=CANARIES["evaluator_name"],
        last_name=CANARIES["evaluator_surname"],
        email=CANARIES["evaluator_email"],
    )
    return [first, make_user(roles.REVIEWERS, username="evaluator-two")]


def show(project, after_commit):
    owner = project.memberships.get(role="owner").user
    with after_commit():
        steps.show_on_showcase(project, owner)
    project.refresh_from_db()
    return project


def hide(project, after_commit):
    owner = project.memberships.get(role="owner").user
    with after_commit():
        steps.hide_from_showcase(project, owner)
    project.refresh_from_db()
    return project


def evaluate_and_decide(project, coordinator, evaluators, grid, after_commit):
    scores = {
        pk: (level, f"{CANARIES['score_justification']} {text}")
        for pk, (level, text) in full_scores(grid).items()
    }
    with after_commit():
        steps.submit_for_evaluation(project, coordinator)
        for evaluator in evaluators:
            steps.assign_evaluator(project, coordinator, evaluator=evaluator)
        for evaluator in evaluators:
            steps.score(project, evaluator, scores=scores, notes=CANARIES["notes"])
        steps.decide(
            project,
            coordinator,
            decision="conditional",
            opinion=CANARIES["opinion"],
            public_justification=PUBLIC_JUSTIFICATION,
        )
    project.refresh_from_db()
    return project


def page_of(project):
    project.refresh_from_db()
    return ProjectPage.objects.get(pk=project.showcase_page_id)


def text_of(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --------------------------------------------------------------------------------------
# Consent and withdrawal
# --------------------------------------------------------------------------------------


def test_consent_publishes_the_projects_public_fields(
    client, showcase, heat_network, pillars, heat_action, after_commit
):
    show(heat_network, after_commit)
    page = page_of(heat_network)

    assert page.live and page.get_parent().pk == showcase.pk
    assert page.slug == "reseau-de-chaleur-de-l-agglomeration"
    assert page.title == heat_network.title
    assert page.introduction == SUMMARY
    assert page.organisation_list() == ["Commune de Loos-en-Gohelle", "Bailleur social du bassin"]
    assert page.territory.slug == "bassin-minier"
    assert [p.slug for p in page.priorities.all()] == ["enr"]
    assert {p.pk for p in page.pillars.all()} == {pillars[0].pk, pillars[1].pk}
    assert list(page.roadmap_actions.all()) == [heat_action]
    assert (page.stage, page.stage_label) == ("works", french(ProjectStage.WORKS.label))
    assert page.status_label == french(EvaluationState.NOT_SUBMITTED.label)
    assert page.decision == "" and page.decided_on is None
    # The programme publishes: no person on the revision.
    assert page.live_revision.user is None

    html = text_of(client.get(page.url))
    assert SUMMARY in html
    assert "Bassin minier" in html and "Bailleur social du bassin" in html
    assert "Énergies renouvelables" in html and "Bâtiments producteurs" in html
    assert "Réseaux intelligents" not in html  # a pillar it does not mobilise
    assert "Développer les réseaux de chaleur" in html
    assert "Moins de 4 000 tonnes" in html and "Association des habitants" in html


def test_withdrawal_unpublishes_and_a_new_consent_republishes(
    client, showcase, heat_network, after_commit
):
    show(heat_network, after_commit)
    page = page_of(heat_network)
    url = page.url

    hide(heat_network, after_commit)
    page.refresh_from_db()
    assert not page.live
    assert ProjectPage.objects.filter(pk=page.pk).exists()  # kept as a draft
    assert client.get(url).status_code == 404
    assert heat_network.title not in text_of(client.get(showcase.url))

    show(heat_network, after_commit)
    page.refresh_from_db()
    assert page.live and page.url == url
    assert ProjectPage.objects.count() == 1
    assert client.get(url).status_code == 200


def test_a_deleted_project_leaves_the_showcase(client, showcase, heat_network, after_commit):
    show(heat_network, after_commit)
    page = page_of(heat_network)
    with after_commit():
        heat_network.delete()
    page.refresh_from_db()
    assert not page.live
    assert client.get(page.url).status_code == 404


def test_a_project_without_consent_is_never_shown(client, showcase, heat_network, after_commit):
    owner = heat_network.memberships.get(role="owner").user
    with after_commit():
        steps.update_project(heat_network, owner, title="Réseau de chaleur rénové")
    heat_network.refresh_from_db()
    assert heat_network.showcase_page is None
    assert not ProjectPage.objects.exists()
    assert sync(heat_network.pk) == Synced.UNCHANGED
    call_command("sync_showcase", verbosity=0)
    assert not ProjectPage.objects.exists()
    assert "Réseau de chaleur" not in text_of(client.get(showcase.url))


def test_without_a_showcase_page_the_sync_waits(heat_network, after_commit, caplog):
    show(heat_network, after_commit)
    assert heat_network.showcase_page is None
    assert "No project showcase page" in caplog.text
    assert sync(heat_network.pk) == Synced.NO_INDEX


def test_an_edit_reaches_the_page_and_a_second_sync_changes_nothing(
    showcase, heat_network, after_commit
):
    show(heat_network, after_commit)
    page = page_of(heat_network)
    revisions = Revision.objects.filter(object_id=str(page.pk)).count()

    assert sync(heat_network.pk) == Synced.UNCHANGED
    call_command("sync_showcase", verbosity=0)
    call_command("sync_showcase", "--all", verbosity=0)
    assert Revision.objects.filter(object_id=str(page.pk)).count() == revisions

    owner = heat_network.memberships.get(role="owner").user
    with after_commit():
        steps.update_project(heat_network, owner, summary="Un résumé réécrit par l'équipe.")
    page.refresh_from_db()
    assert page.introduction == "Un résumé réécrit par l'équipe."
    assert Revision.objects.filter(object_id=str(page.pk)).count() == revisions + 1
    # The address stays when the title changes.
    with after_commit():
        steps.update_project(heat_network, owner, title="Un tout autre titre")
    page.refresh_from_db()
    assert page.title == "Un tout autre titre"
    assert page.slug == "reseau-de-chaleur-de-l-agglomeration"


def test_a_failing_search_engine_does_not_undo_the_showcase(
    showcase, heat_network, after_commit, monkeypatch
):
    def engine_down(page_id):
        raise ConnectionError("search engine unreachable")

    monkeypatch.setattr(indexing, "update_page", engine_down)
    show(heat_network, after_commit)
    assert page_of(heat_network).live


def test_two_projects_of_one_title_get_two_addresses(showcase, after_commit):
    first = show(ProjectFactory(title="Autoconsommation collective"), after_commit)
    second = show(ProjectFactory(title="Autoconsommation collective"), after_commit)
    assert page_of(first).slug == "autoconsommation-collective"
    assert page_of(second).slug == "autoconsommation-collective-2"


# --------------------------------------------------------------------------------------
# The decision, and nothing private anywhere public
# --------------------------------------------------------------------------------------


def test_the_decision_is_shown_once_decided(
    client, showcase, heat_network, coordinator, canary_evaluators, grid, after_commit
):
    show(heat_network, after_commit)
    page = page_of(heat_network)
    assert "Commission 15's decision" not in text_of(client.get(page.url))

    owner = heat_network.memberships.get(role="owner").user
    with after_commit():
        steps.submit_for_evaluation(heat_network, coordinator)
    page.refresh_from_db()
    assert page.status_label == french(EvaluationState.IN_EVALUATION.label)
    assert page.decision == ""

    with after_commit():
        steps.withdraw_evaluation(heat_network, coordinator)
    page.refresh_from_db()
    assert page.status_label == french(EvaluationState.NOT_SUBMITTED.label)

    evaluate_and_decide(heat_network, coordinator, canary_evaluators, grid, after_commit)
    page.refresh_from_db()
    assert page.decision == "conditional"
    assert page.decision_label == french(Decision.CONDITIONAL.label)
    assert page.decision_justification == PUBLIC_JUSTIFICATION
    assert page.decided_on == datetime.date.today()
    assert page.status_label == french(EvaluationState.DECIDED.label)
    html = text_of(client.get(page.url))
    assert "Commission 15's decision" in html
    assert page.decision_label in html and PUBLIC_JUSTIFICATION in html
    assert owner.email not in html


def public_texts(client, showcase, accountability, page):
    """Every public view of the showcase, and the search, as text."""
    texts = {
        "project page": text_of(client.get(page.url)),
        "showcase": text_of(client.get(showcase.url)),
        "rss": text_of(client.get(showcase.url + showcase.reverse_subpage("rss"))),
        "atom": text_of(client.get(showcase.url + showcase.reverse_subpage("atom"))),
        "accountability": text_of(client.get(accountability.url)),
        "sitemap": text_of(client.get("/sitemap.xml")),
    }
    for words in ("réseau chaleur", "Bassin minier", PUBLIC_JUSTIFICATION.split()[-1]):
        texts[f"search {words}"] = text_of(client.get(reverse("search:search"), {"q": words}))
        results = service.search(SearchQuery(words), record=False)
        texts[f"search service {words}"] = repr(results)
    return texts


def test_nothing_private_reaches_a_public_page_feed_or_search(
    client,
    search_database,
    showcase,
    accountability,
    heat_network,
    coordinator,
    canary_evaluators,
    grid,
    after_commit,
):
    show(heat_network, after_commit)
    evaluate_and_decide(heat_network, coordinator, canary_evaluators, grid, after_commit)
    page = page_of(heat_network)

    texts = public_texts(client, showcase, accountability, page)
    assert PUBLIC_JUSTIFICATION in texts["project page"]
    assert heat_network.title in texts["search service réseau chaleur"]
    for where, text in texts.items():
        for canary, value in CANARIES.items():
            assert value not in text, f"{canary} on {where}"
        assert coordinator.email not in text, where
        assert "1200000" not in text.replace(" ", "").replace("\u202f", ""), where
    # Nor in the page's stored revisions, which the admin and the API may read.
    for revision in Revision.objects.filter(object_id=str(page.pk)):
        content = str(revision.content)
        for canary, value in CANARIES.items():
            assert value not in content, f"{canary} in a revision"


# --------------------------------------------------------------------------------------
# Search
# --------------------------------------------------------------------------------------


def test_search_finds_a_showcased_project_as_its_own_kind(
    search_database, showcase, heat_network, after_commit
):
    show(heat_network, after_commit)
    by_title = service.search(SearchQuery("agglomération"), record=False)
    assert [hit.title for hit in by_title.hits] == [heat_network.title]
    (hit,) = by_title.hits
    assert hit.kind == "projectpage"
    assert hit.kind_label == str(ProjectPage._meta.verbose_name)
    by_summary = service.search(SearchQuery("récupération industrielle"), record=False)
    assert [hit.title for hit in by_summary.hits] == [heat_network.title]
    kinds = {value.value: value.label for value in by_summary.facets["kind"]}
    assert kinds == {"projectpage": str(ProjectPage._meta.verbose_name)}
    only_projects = service.search(SearchQuery("chaleur", kind="projectpage"), record=False)
    assert [hit.title for hit in only_projects.hits] == [heat_network.title]
    assert service.search(SearchQuery("chaleur", territory="bassin-minier"), record=False).total

    hide(heat_network, after_commit)
    assert service.search(SearchQuery("agglomération"), record=False).hits == []
    assert service.search(SearchQuery("récupération industrielle"), record=False).hits == []


# --------------------------------------------------------------------------------------
# The showcase page: filters, pagination, feeds
# --------------------------------------------------------------------------------------


@pytest.fixture
def portfolio(showcase, pillars, after_commit):
    """Four showcased projects across priorities, territories, pillars and stages, and
    one whose owner did not consent."""
    sobriety = PriorityFactory(name="Sobriété", slug="sobriete")
    mobility = PriorityFactory(name="Mobilité", slug="mobilite")
    basin = TerritoryFactory(name="Bassin minier", slug="bassin-minier")
    coast = TerritoryFactory(name="Côte d'Opale", slug="cote-d-opale")
    made = {}
    for title, priority, territory, pillar, stage in [
        ("Isolation des écoles", sobriety, basin, pillars[1], ProjectStage.WORKS),
        ("Bus à hydrogène", mobility, coast, pillars[2], ProjectStage.IDEA),
        ("Covoiturage rural", mobility, basin, None, ProjectStage.DESIGN),
        ("Sobriété des zones d'activité", sobriety, coast, pillars[0], ProjectStage.IDEA),
    ]:
        project = ProjectFactory(
            title=title, priorities=[priority], territory=territory, stage=stage
        )
        if pillar:
            project.pillars.set([pillar])
        made[title] = show(project, after_commit)
    made["hidden"] = ProjectFactory(title="Projet confidentiel", territory=basin)
    return made


def titles_on(client, showcase, **params):
    html = text_of(client.get(showcase.url, params))
    return sorted(re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', html)), html


@pytest.mark.parametrize(
    "params, expected",
    [
        (
            {},
            [
                "Bus à hydrogène",
                "Covoiturage rural",
                "Isolation des écoles",
                "Sobriété des zones d&#x27;activité",
            ],
        ),
        ({"priority": "mobilite"}, ["Bus à hydrogène", "Covoiturage rural"]),
        ({"territory": "bassin-minier"}, ["Covoiturage rural", "Isolation des écoles"]),
        ({"pillar": "reseaux"}, ["Bus à hydrogène"]),
        ({"stage": "idea"}, ["Bus à hydrogène", "Sobriété des zones d&#x27;activité"]),
        ({"priority": "mobilite", "territory": "cote-d-opale"}, ["Bus à hydrogène"]),
        ({"priority": "sobriete", "stage": "design"}, []),
    ],
)
def test_the_showcase_filters(client, portfolio, showcase, params, expected):
    titles, html = titles_on(client, showcase, **params)
    assert titles == expected
    assert "Projet confidentiel" not in html
    if params:
        for name, value in params.items():
            assert re.search(rf'<option value="{value}" selected>', html), name
    count = len(expected)
    assert re.search(rf"<p>{count} projects? (on the showcase|match)", html), html


@pytest.mark.parametrize(
    "params",
    [
        {"priority": "inconnue"},
        {"territory": "<script>alert(1)</script>"},
        {"pillar": "x" * 500},
        {"stage": "secret"},
        {"page": "abc"},
        {"page": "999"},
        {"page": "-1"},
    ],
)
def test_bad_filters_are_left_out_never_an_error(client, portfolio, showcase, params):
    response = client.get(showcase.url, params)
    html = text_of(response)
    assert "<script>alert(1)</script>" not in html
    titles, _ = titles_on(client, showcase, **params)
    assert titles  # the showcase still shows projects
    if "page" not in params:
        assert "was not understood and was left out" in html


def test_a_repeated_filter_reads_its_last_value(client, portfolio, showcase):
    titles, _ = titles_on(client, showcase, priority=["mobilite", "sobriete"])
    assert titles == ["Isolation des écoles", "Sobriété des zones d&#x27;activité"]


def test_the_showcase_paginates(client, showcase, after_commit):
    for number in range(ProjectIndexPage.page_size + 2):
        ProjectFactory(title=f"Projet numéro {number:02d}", showcase_consent=True)
    call_command("sync_showcase", verbosity=0)
    first, html = titles_on(client, showcase)
    assert len(first) == ProjectIndexPage.page_size
    assert "14 projects on the showcase" in html and 'rel="next"' in html
    second, html = titles_on(client, showcase, page=2)
    assert len(second) == 2 and not set(first) & set(second)


@pytest.mark.parametrize("route, version", [("rss", "rss20"), ("atom", "atom10")])
def test_the_feeds_list_showcased_projects(client, portfolio, showcase, route, version):
    response = client.get(showcase.url + showcase.reverse_subpage(route))
    feed = feedparser.parse(response.content)
    assert response.status_code == 200
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == version
    assert feed.feed.title == "Projets"
    titles = sorted(entry.title for entry in feed.entries)
    assert titles == sorted(title for title in portfolio if title != "hidden")
    bus = next(entry for entry in feed.entries if entry.title == "Bus à hydrogène")
    assert bus.link.startswith("http") and "/projets/bus-a-hydrogene/" in bus.link
    assert {tag.term for tag in bus.tags} == {"Mobilité", "Côte d'Opale"}

    html = text_of(client.get(showcase.url))
    assert 'type="application/rss+xml"' in html and 'type="application/atom+xml"' in html


# --------------------------------------------------------------------------------------
# The accountability page
# --------------------------------------------------------------------------------------


def test_the_accountability_page_shows_each_action_and_its_projects(
    client, accountability, showcase, heat_network, heat_action, after_commit
):
    mobility = PriorityFactory(name="Mobilité durable", slug="mobilite-durable")
    RoadmapAction.objects.create(
        title="Bornes de recharge",
        commitment="Un réseau de bornes dans chaque intercommunalité.",
        priority=mobility,
        status=ActionStatus.DONE,
        progress=100,
    )
    RoadmapAction.objects.create(
        title="Action abandonnée", commitment="Promis puis abandonné.", status="dropped"
    )
    html = text_of(client.get(accountability.url))
    assert "Développer les réseaux de chaleur" in html
    assert "Dix réseaux de chaleur renouvelable" in html  # what was promised
    assert "Quatre réseaux en service." in html  # where it stands
    assert '<progress class="progress" max="100" value="40"' in html
    assert "Progress: 40 %" in html
    assert 'datetime="2020-12-31"' in html and "(date passed)" in html
    assert "No project on the showcase carries it yet." in html
    # The mean of the actions not dropped: (40 + 100) / 2.
    assert '<span class="figure__value">70 %</span>' in html
    assert "1 of 3 actions done." in html
    assert '<h2 id="priority-mobilite-durable">Mobilité durable</h2>' in html
    assert ' style="' not in html

    show(heat_network, after_commit)
    html = text_of(client.get(accountability.url))
    assert f'href="{page_of(heat_network).url}"' in html
    # A project page links back to the action it advances.
    project_html = text_of(client.get(page_of(heat_network).url))
    assert f"{accountability.url}#action-{heat_action.pk}" in project_html


def file_linked_requests(count, actions, title="Demande CANARY-PRIVATE-REQUEST"):
    """`count` requests filed by holders, each linked to `actions` by a coordinator."""
    from desk import steps as desk_steps

    coordinator = UserFactory(username=f"coordinator-{uuid.uuid4().hex[:8]}")
    coordinator.groups.add(Group.objects.get(name=roles.COORDINATORS))
    territory, priority = TerritoryFactory(), PriorityFactory()
    for number in range(count):
        holder = UserFactory()
        how_to_request = desk_steps.file_request(
            holder,
            {
                "title": f"{title} {number}",
                "question": "Une question privée CANARY-PRIVATE-QUESTION ?",
                "project_description": "Un projet.",
                "priorities": [priority],
                "territory": territory,
                "stage": "design",
            },
        )
        desk_steps.link_roadmap_actions(how_to_request, coordinator, roadmap_actions=actions)


def test_the_accountability_page_counts_the_requests_never_shows_them(
    client, accountability, heat_action, staff_roles, after_commit
):
    charging = RoadmapAction.objects.create(title="Bornes de recharge", commitment="…")
    html = text_of(client.get(accountability.url))
    assert html.count("No question asked by project holders is linked to it yet.") == 2

    # Linking requests clears the cached page: the counts show at once.
    with after_commit():
        file_linked_requests(2, [heat_action, charging])
        file_linked_requests(1, [heat_action])
    html = text_of(client.get(accountability.url))
    heat = html.split(f'id="action-{heat_action.pk}"')[1].split("</article>")[0]
    assert "3 questions asked by project holders advance it." in heat
    other = html.split(f'id="action-{charging.pk}"')[1].split("</article>")[0]
    assert "2 questions asked by project holders advance it." in other
    # A count, never which requests: no title, no question, no link to the desk.
    assert "CANARY-PRIVATE" not in html and "/demandes/" not in html


def accountability_queries(client, accountability):
    from django.core.cache import caches

    text_of(client.get(accountability.url, {"warm": "up"}))  # the content types, once
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as queries:
        text_of(client.get(accountability.url))
    return len(queries)


# Site and route, privacy, the page, the actions with their priority and their count of
# requests (one query, 15 measured), the showcased projects, the breadcrumbs.
ACCOUNTABILITY_QUERIES = 15


def test_the_accountability_page_costs_the_same_with_1_or_12_requests(
    client, accountability, heat_action, staff_roles, after_commit
):
    charging = RoadmapAction.objects.create(title="Bornes de recharge", commitment="…")
    file_linked_requests(1, [heat_action])
    few = accountability_queries(client, accountability)
    file_linked_requests(11, [heat_action, charging])
    RoadmapAction.objects.create(title="Une troisième action", commitment="…")
    many = accountability_queries(client, accountability)
    assert few == many, (few, many)
    assert many <= ACCOUNTABILITY_QUERIES, many


def test_editing_an_action_clears_the_cached_accountability_page(
    client, accountability, heat_action, after_commit
):
    assert "40 %" in text_of(client.get(accountability.url))
    with after_commit():
        heat_action.progress = 65
        heat_action.save()
    assert "Progress: 65 %" in text_of(client.get(accountability.url))


# --------------------------------------------------------------------------------------
# Query counts and accessibility
# --------------------------------------------------------------------------------------


def showcase_queries(client, showcase, count, after_commit):
    from django.core.cache import caches

    for number in range(count):
        ProjectFactory(title=f"Projet {number:02d}", showcase_consent=True)
    call_command("sync_showcase", verbosity=0)
    text_of(client.get(showcase.url, {"warm": "up"}))  # the content types, once a process
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as queries:
        text_of(client.get(showcase.url, {"territory": "inconnu"}))
    return len(queries)


# Site and route (6), privacy (4), the filters' choices (5), the count and the page of
# projects with their priorities and pillars (4), the breadcrumbs, menus from the cache.
SHOWCASE_QUERIES = 24
# Site and route, privacy, the territory, priorities and their pages, pillars, actions,
# the accountability page, the way back to the showcase.
PROJECT_PAGE_QUERIES = 22


def test_the_showcase_costs_the_same_with_3_or_20_projects(
    client, showcase, after_commit, django_assert_max_num_queries
):
    few = showcase_queries(client, showcase, 3, after_commit)
    many = showcase_queries(client, showcase, 17, after_commit)
    assert few == many, (few, many)
    assert many <= SHOWCASE_QUERIES, many


def project_page_queries(client, project):
    from django.core.cache import caches

    url = page_of(project).url
    text_of(client.get(url, {"warm": "up"}))  # the content types, once a process
    caches["pages"].clear()
    with CaptureQueriesContext(connection) as queries:
        text_of(client.get(url))
    return len(queries)


def test_a_project_page_costs_the_same_however_much_it_links(
    client, showcase, accountability, heat_network, pillars, heat_action, after_commit
):
    show(heat_network, after_commit)
    linked = ProjectFactory(
        title="Projet très relié",
        priorities=[PriorityFactory(), PriorityFactory(), PriorityFactory()],
    )
    linked.pillars.set(pillars)
    linked.roadmap_actions.set(
        [heat_action]
        + [RoadmapAction.objects.create(title=f"Action {n}", commitment="…") for n in range(4)]
    )
    show(linked, after_commit)
    few, many = project_page_queries(client, heat_network), project_page_queries(client, linked)
    assert few == many, (few, many)
    assert many <= PROJECT_PAGE_QUERIES, many


HEADING = re.compile(r"<h([1-6])[ >]")


def assert_accessible(html, language):
    assert f'<html lang="{language}">' in html
    for landmark in ('role="banner"', '<main id="main"', 'role="contentinfo"', "<nav"):
        assert landmark in html, landmark
    levels = [int(level) for level in HEADING.findall(html)]
    assert levels.count(1) == 1 and levels[0] == 1, levels
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, levels  # no level skipped going down
    for field_id in re.findall(r'<select[^>]* id="([^"]+)"', html):
        assert f'<label class="field__label" for="{field_id}">' in html, field_id
    for labelled in re.findall(r'<progress[^>]* aria-labelledby="([^"]+)"', html):
        assert f'id="{labelled}"' in html, labelled
    assert ' style="' not in html


def test_the_pages_are_accessible(
    client, portfolio, showcase, accountability, heat_action, after_commit
):
    project = next(iter(portfolio.values()))
    for language in ("fr", "en"):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        for url in (showcase.url, page_of(project).url, accountability.url):
            assert_accessible(text_of(client.get(url)), language)


def test_a_showcase_page_is_not_edited_or_deleted_in_the_page_editor(
    client, showcase, heat_network, after_commit, editor, make_user
):
    # The next step would overwrite an edit, and the task would make a deleted page
    # again: the editor is sent to the project (or, without the portfolio, the showcase).
    page = page_of(show(heat_network, after_commit))
    administrator = make_user(username="root", is_superuser=True, is_staff=True)
    for person, lands_on in (
        (editor, reverse("wagtailadmin_explore", args=[showcase.pk])),
        (administrator, reverse("projects_admin:detail", args=[heat_network.pk])),
    ):
        client.force_login(person)
        response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]), follow=True)
        assert response.redirect_chain[0] == (lands_on, 302), person
        assert "written from its project" in response.content.decode()
        # (Editors may not delete pages at all; administrators are sent to the project.)
        response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
        assert response.status_code == 302, person
        assert ProjectPage.objects.filter(pk=page.pk, live=True).exists()
    # Other pages are edited as before, and a page whose project was deleted is one.
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[showcase.pk])).status_code == 200
    heat_network.delete()
    client.force_login(administrator)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:delete", args=[page.pk])).status_code == 200
