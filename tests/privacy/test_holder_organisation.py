"""A holder's organisation is personal data of their account: exported with it, cleared
by its erasure."""

import pytest

from desk.models import HolderProfile
from privacy import erasure
from privacy.export import export_user_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder_with_organisation(make_user):
    holder = make_user(username="zoe", first_name="Zoé", last_name="Lefebvre")
    HolderProfile.objects.create(user=holder, organisation="Ferme des Deux-Caps")
    return holder


def test_the_export_holds_the_name_and_organisation(holder_with_organisation):
    account = export_user_data(holder_with_organisation)["account"]
    assert (account["first_name"], account["last_name"]) == ("Zoé", "Lefebvre")
    assert account["organisation"] == "Ferme des Deux-Caps"


def test_an_account_without_a_profile_exports_an_empty_organisation(make_user):
    assert export_user_data(make_user(username="sans"))["account"]["organisation"] == ""


@pytest.mark.parametrize("way", ["erase", "scrub", "delete"])
def test_erasure_clears_the_organisation(holder_with_organisation, way):
    if way == "erase":
        erasure.erase(holder_with_organisation, reason="holder")
    elif way == "scrub":
        # The pre_delete guard's part, before the row goes.
        erasure.scrub(holder_with_organisation, reason="deletion")
    else:
        holder_with_organisation.delete()
    assert not HolderProfile.objects.filter(organisation="Ferme des Deux-Caps").exists()
