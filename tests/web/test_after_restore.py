"""`manage.py after_restore`: once a backup is back in place, the site stops serving and
finding what the backup does not hold. The restore is played here as what it is to the
site: the database changes under it, without any of its signals."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page

from knowledge.models import GuideIndexPage, GuidePage
from search.models import SearchDocument
from tests.factories import add_page
from web.signals import database_restored

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide(home, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # indexed, as after a commit
        guides = add_page(home, GuideIndexPage, title="Modes d'emploi")
        return add_page(guides, GuidePage, title="Monter une boucle d'autoconsommation")


def test_after_a_restore_the_cache_and_the_index_forget_what_the_backup_lacks(client, guide):
    assert client.get(guide.url)["X-Page-Cache"] == "miss"
    assert client.get(guide.url)["X-Page-Cache"] == "hit"
    assert SearchDocument.objects.filter(pk=guide.pk).exists()
    # The backup was taken before the guide was published.
    Page.objects.filter(pk=guide.pk).update(live=False)
    assert client.get(guide.url).status_code == 200  # served from the cache still

    out = StringIO()
    call_command("after_restore", stdout=out)
    assert client.get(guide.url).status_code == 404
    assert not SearchDocument.objects.filter(pk=guide.pk).exists()
    assert "Cache 'pages' cleared." in out.getvalue()
    assert "Search index rebuilt" in out.getvalue()


def test_a_step_that_fails_is_reported_and_the_others_still_run(client, guide):
    def failing(sender, **kwargs):
        raise RuntimeError("engine refused the rebuild")

    database_restored.connect(failing, weak=False, dispatch_uid="test-failing")
    out = StringIO()
    try:
        with pytest.raises(CommandError, match="engine refused the rebuild"):
            call_command("after_restore", stdout=out)
    finally:
        database_restored.disconnect(dispatch_uid="test-failing")
    assert "Search index rebuilt" in out.getvalue()
