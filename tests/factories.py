"""Factories for the reference data, users and pages used across the tests."""

import datetime

import factory
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.utils import timezone
from factory.django import DjangoModelFactory

from knowledge.models import ExpertBody, Priority, Territory
from web.second_factor import requires_second_factor

PASSWORD = "test-password-123"
# The authenticator secret of the accounts made with admin access (base32, 20 bytes).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*extracted)
        if create:
            self.save()

    @factory.post_generation
    def second_factor(self, create, extracted, **kwargs):
        """Accounts with admin access come enrolled (TOTP_SECRET), as the admin requires of
        them (web/second_factor.py); `second_factor=False` makes one that has not enrolled,
        `second_factor=True` enrols a holder."""
        if not create or extracted is False:
            return
        # A fresh instance: asking `self` would cache its permissions for the whole test.
        if extracted or requires_second_factor(get_user_model().objects.get(pk=self.pk)):
            TOTP.activate(self, TOTP_SECRET)


class PriorityFactory(DjangoModelFactory):
    class Meta:
        model = Priority
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Priorité {n}")
    slug = factory.Sequence(lambda n: f"priorite-{n}")


class TerritoryFactory(DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Territoire {n}")
    slug = factory.Sequence(lambda n: f"territoire-{n}")


class ExpertBodyFactory(DjangoModelFactory):
    class Meta:
        model = ExpertBody
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Organisme {n}")
    slug = factory.Sequence(lambda n: f"organisme-{n}")
    acronym = factory.Sequence(lambda n: f"ORG{n}")
    kind = ExpertBody.Kind.CLUSTER


_page_counter = iter(range(1, 10**9))


def add_page(parent, page_class, publish=True, user=None, **fields):
    """Create a page of `page_class` under `parent`, published unless told otherwise."""
    number = next(_page_counter)
    fields.setdefault("title", f"{page_class._meta.verbose_name} {number}")
    fields.setdefault("slug", f"{page_class.__name__.lower()}-{number}")
    page = page_class(live=publish, **fields)
    parent.add_child(instance=page)
    revision = page.save_revision(user=user)
    if publish:
        revision.publish(user=user)
        page.refresh_from_db()
    return page


def event_fields(days_from_now=30, **fields):
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=days_from_now)
    fields.setdefault("kind", "assises")
    fields.setdefault("start", start)
    fields.setdefault("end", start + datetime.timedelta(hours=6))
    return fields


class ProjectFactory(DjangoModelFactory):
    """A project with its owner (`owner=`, made if not given) as its only member."""

    class Meta:
        model = "projects.Project"
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Projet {n}")
    summary = "Un réseau de chaleur alimenté par la biomasse locale."
    organisations = "Commune de Loos-en-Gohelle"
    territory = factory.SubFactory(TerritoryFactory)
    stage = "design"

    @factory.post_generation
    def owner(self, create, extracted, **kwargs):
        if not create:
            return
        from projects.models import Membership, Role

        owner = extracted or UserFactory()
        Membership.objects.create(project=self, user=owner, role=Role.OWNER)

    @factory.post_generation
    def priorities(self, create, extracted, **kwargs):
        if create:
            self.priorities.set(extracted or [PriorityFactory()])


def searched_without_results(query, count=3, last_seen=None, days=2):
    """A search that found nothing, `count` times, the first `days` days before the last
    (`last_seen`, an hour ago by default): shown by default, as search.query_privacy
    shows a query searched three times on two different days."""
    from search.models import ZeroResultQuery

    last_seen = last_seen or timezone.now() - datetime.timedelta(hours=1)
    first_seen = last_seen - datetime.timedelta(days=days)
    return ZeroResultQuery.objects.create(
        query=query, count=count, first_seen=first_seen, last_seen=last_seen
    )
