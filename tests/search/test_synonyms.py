"""Synonyms editors keep in the admin, applied at query time alike on every backend (the
contract suite): on the database as OR groups of the members, on the engine as the
search analyzer's synonym filter, reloaded when a group changes, without a rebuild."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from demo.builder import Run, ensure_synonym_group
from demo.content import SYNONYM_GROUPS
from knowledge.models import GuidePage
from search import service, synonyms
from search.models import SynonymGroup
from search.query import SearchQuery
from tests.factories import ExpertBodyFactory, add_page
from workflows import roles

pytestmark = pytest.mark.django_db

GRANT = "Demander une aide financière à la Région"
CHARGING = "Déployer des bornes de recharge pour véhicules"
IRVE = "Financer une IRVE en copropriété"
CANARY = "canari-synonyme-7f3a"


@pytest.fixture
def pages(corpus, django_capture_on_commit_callbacks):
    guides = corpus["solar"].get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        for title in (GRANT, CHARGING, IRVE):
            add_page(guides, GuidePage, title=title)
    return corpus


def save_group(capture, terms, group=None):
    """Save as the admin does (validated), running what follows the commit: every
    process's groups read again, the engine's analyzer reloaded."""
    group = group or SynonymGroup()
    group.terms = terms
    group.full_clean()
    with capture(execute=True):
        group.save()
    return group


def titles(text):
    return {hit.title for hit in service.search(SearchQuery(text)).hits}


def test_a_word_finds_the_pages_on_its_synonyms(pages, django_capture_on_commit_callbacks):
    assert GRANT not in titles("subvention")
    save_group(django_capture_on_commit_callbacks, "subvention, aide financière, financement")
    assert GRANT in titles("subvention")
    assert GRANT in titles("subventions")  # a member matches as any word does: stemmed
    assert titles("aide financière") >= {GRANT}


def test_several_words_find_a_multi_word_synonym(pages, django_capture_on_commit_callbacks):
    save_group(
        django_capture_on_commit_callbacks,
        "borne de recharge, point de charge, IRVE, charging station",
    )
    assert titles("charging stations") == {CHARGING, IRVE}
    assert titles("irve") == {CHARGING, IRVE}
    # The words of a member apart are not the member: "borne" alone is not "IRVE".
    assert IRVE not in titles("borne")


def test_an_edit_holds_from_the_next_search(pages, django_capture_on_commit_callbacks):
    group = save_group(django_capture_on_commit_callbacks, "IRVE, charging station")
    assert titles("charging station") == {IRVE}
    save_group(django_capture_on_commit_callbacks, "borne de recharge, charging station", group)
    assert titles("charging station") == {CHARGING}
    with django_capture_on_commit_callbacks(execute=True):
        group.delete()
    assert titles("charging station") == set()


def test_synonyms_with_the_other_words_of_the_search(pages, django_capture_on_commit_callbacks):
    save_group(django_capture_on_commit_callbacks, "subvention, aide financière")
    assert titles("subvention région") == {GRANT}


def test_the_groups_are_read_once_per_edit(
    pages, django_capture_on_commit_callbacks, django_assert_num_queries
):
    save_group(django_capture_on_commit_callbacks, "subvention, aide financière")
    synonyms.units("subvention")
    with django_assert_num_queries(0):
        assert len(synonyms.units("subvention")[0]) == 2


@pytest.mark.parametrize(
    "terms,error",
    [
        ("subvention", "at least two"),
        ("IRVE, irve , IRVE", "at least two"),
        (", ,", "at least two"),
        (", ".join(f"terme{n}" for n in range(13)), "at most 12"),
        ("aide, " + "mot " * 6, "too long"),
    ],
)
def test_a_group_needs_two_distinct_bounded_terms(terms, error):
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            SynonymGroup(terms=terms).full_clean()
        assert error in str(refused.value)


def test_a_group_is_tidied_when_saved():
    group = SynonymGroup(terms=" IRVE ,  borne  de recharge, irve,")
    group.full_clean()
    assert group.terms == "IRVE, borne de recharge"


def test_the_seed_is_idempotent_and_keeps_an_editors_wording(db):
    run = Run()
    for terms in SYNONYM_GROUPS:
        ensure_synonym_group(run, terms)
    assert SynonymGroup.objects.count() == len(SYNONYM_GROUPS)
    grants = SynonymGroup.objects.get(terms__startswith="subvention")
    grants.terms = "subvention, aide financière"  # reworded by an editor
    grants.save()
    for terms in SYNONYM_GROUPS:
        ensure_synonym_group(run, terms)
    assert SynonymGroup.objects.count() == len(SYNONYM_GROUPS)
    assert SynonymGroup.objects.get(pk=grants.pk).terms == "subvention, aide financière"


# Who keeps the groups: the snippet's views, for every role ----------------------------


@pytest.fixture
def group():
    return SynonymGroup.objects.create(terms=f"{CANARY}, aide financière")


@pytest.fixture
def people(staff_roles, make_user, editor, reviewer):
    body = ExpertBodyFactory(name="Pôle mobilité", slug="pole-mobilite", acronym="PM")
    body.refresh_from_db()
    return {
        "holder": make_user(username="holder_a"),
        "other holder": make_user(username="holder_b"),
        "expert": make_user(body.group.name, username="expert", is_staff=True),
        "coordinator": make_user(roles.COORDINATORS, username="coordinator", is_staff=True),
        "editor": editor,
        "reviewer": reviewer,
    }


KEEPERS = {"coordinator", "editor"}


@pytest.mark.parametrize(
    "role", ["anonymous", "holder", "other holder", "expert", "coordinator", "editor", "reviewer"]
)
def test_editors_and_coordinators_keep_the_groups(client, role, people, group, settings):
    settings.LANGUAGE_CODE = "en"
    if role != "anonymous":
        client.force_login(people[role])
    urls = {
        "list": reverse("wagtailsnippets_search_synonymgroup:list"),
        "edit": reverse("wagtailsnippets_search_synonymgroup:edit", args=[group.pk]),
        "add": reverse("wagtailsnippets_search_synonymgroup:add"),
        "delete": reverse("wagtailsnippets_search_synonymgroup:delete", args=[group.pk]),
    }
    for name, url in urls.items():
        response = client.get(url)
        body = response.content.decode()
        if role in KEEPERS:
            assert response.status_code == 200, (role, name)
            if name in ("list", "edit"):
                assert CANARY in body
        else:
            assert response.status_code in (302, 403), (role, name)
            assert CANARY not in body
    refused = client.post(urls["add"], {"terms": "seul"})
    if role in KEEPERS:
        assert refused.status_code == 200  # the form again, with what was typed
        assert 'value="seul"' in refused.content.decode()
        created = client.post(urls["add"], {"terms": "photovoltaïque, solaire"})
        assert created.status_code == 302
        assert SynonymGroup.objects.filter(terms="photovoltaïque, solaire").exists()
    else:
        assert refused.status_code in (302, 403)
        assert SynonymGroup.objects.count() == 1


def test_the_roles_grant_the_snippet_permissions(staff_roles):
    for name in (roles.EDITORS, roles.COORDINATORS):
        codenames = set(Group.objects.get(name=name).permissions.values_list("codename", flat=True))
        assert {"add_synonymgroup", "change_synonymgroup", "delete_synonymgroup"} <= codenames
    reviewers = Group.objects.get(name=roles.REVIEWERS)
    assert not reviewers.permissions.filter(codename__endswith="synonymgroup").exists()


def test_while_the_engine_reloads_searches_answer_from_the_database(
    pages, search_backend, django_capture_on_commit_callbacks
):
    """The reload closes the index a moment (0.3 s on the test node): a search meanwhile
    is refused, and answered by the database, synonyms and all."""
    if search_backend != "engine":
        pytest.skip("the reload is the engine's")
    from search.backends.engine import EngineBackend

    save_group(django_capture_on_commit_callbacks, "subvention, aide financière")
    backend = EngineBackend()
    (index,) = backend.gateway.alias_targets(backend.alias)
    backend.gateway.close_index(index)
    try:
        results, fell_back = service._with_fallback(
            lambda searcher: searcher.search(SearchQuery("subvention"))
        )
    finally:
        backend.gateway.open_index(index)
    assert fell_back and results.backend == "database"
    assert GRANT in {hit.title for hit in results.hits}


def test_the_seeded_groups_find_across_languages(pages, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for terms in SYNONYM_GROUPS:
            ensure_synonym_group(Run(), terms)
    assert titles("energy") >= {"Produire une énergie renouvelable locale"}
    assert titles("charging stations") == {CHARGING, IRVE}
    assert GRANT in titles("financement")
