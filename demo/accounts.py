"""Demo accounts, one per role, with a well-known password for local use only.

Staff demo accounts also share a well-known authenticator secret (README, "Demo
accounts"): the admin asks every staff account for a second factor, and a developer adds
DEMO_TOTP_SECRET to an authenticator app once to sign in as any of them; the browser
tests compute the codes from it.
"""

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from knowledge.models import ExpertBody
from web.deployment import demo_accounts_allowed
from web.second_factor import has_second_factor, requires_second_factor
from workflows import roles

DEMO_PASSWORD = "tri-demo-2026"
# Base32, 20 bytes, as authenticator apps expect: "TRIDEMO" four times, then "TRID".
DEMO_TOTP_SECRET = "TRIDEMOTRIDEMOTRIDEMOTRIDEMOTRID"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    first_name: str
    last_name: str
    group: str | None = None
    body_slug: str | None = None
    staff: bool = True
    superuser: bool = False


DEMO_ACCOUNTS = (
    DemoAccount("admin", "Alice", "Administratrice", superuser=True),
    DemoAccount("editeur", "Étienne", "Éditeur", group=roles.EDITORS),
    DemoAccount("commission15", "Rachida", "Relectrice", group=roles.REVIEWERS),
    # Commission 15's evaluators of projects (demo/projects.py), beside Rachida.
    DemoAccount("evaluateur-sobriete", "Bruno", "Évaluateur sobriété", group=roles.REVIEWERS),
    DemoAccount("evaluatrice-enr", "Sophie", "Évaluatrice renouvelables", group=roles.REVIEWERS),
    DemoAccount("evaluateur-mobilite", "Yann", "Évaluateur mobilité", group=roles.REVIEWERS),
    DemoAccount("coordination", "Camille", "Coordinatrice", group=roles.COORDINATORS),
    DemoAccount("porteur", "Paul", "Porteur", staff=False),
    # The projects' teams (demo/projects.py): a town, a social landlord, an association,
    # a firm and a farmer, who invite one another into their projects.
    DemoAccount("porteuse-commune", "Margaux", "Élue communale", staff=False),
    DemoAccount("porteur-bailleur", "Bertrand", "Bailleur social", staff=False),
    DemoAccount("porteuse-association", "Aïcha", "Associative", staff=False),
    DemoAccount("porteur-entreprise", "Emmanuel", "Entrepreneur", staff=False),
    DemoAccount("porteuse-agricole", "Agathe", "Agricultrice", staff=False),
    DemoAccount("expert-ademe", "Amandine", "Experte ADEME", body_slug="ademe"),
    DemoAccount("expert-cd2e", "Claire", "Experte CD2E", body_slug="cd2e"),
    DemoAccount("expert-medee", "Mehdi", "Expert MEDEE", body_slug="pole-medee"),
    DemoAccount("expert-itrans", "Inès", "Experte i-Trans", body_slug="i-trans"),
    DemoAccount("expert-rifkin", "Romain", "Expert équipe Rifkin", body_slug="equipe-rifkin"),
)


def _group_for(account):
    if account.group:
        return Group.objects.get(name=account.group)
    if account.body_slug:
        body = ExpertBody.objects.filter(slug=account.body_slug).select_related("group").first()
        return body.group if body else None
    return None


@transaction.atomic
def ensure_demo_accounts():
    """Create the missing demo accounts; existing ones are left as they are."""
    if not demo_accounts_allowed():
        raise ImproperlyConfigured(
            "Demo accounts have public passwords: refused by these settings, and on a "
            "production database whatever the settings."
        )
    User = get_user_model()
    created = []
    for account in DEMO_ACCOUNTS:
        group = _group_for(account)
        if account.body_slug and group is None:
            continue  # the body is not in this database
        if User.objects.filter(username=account.username).exists():
            continue
        user = User.objects.create_user(
            username=account.username,
            email=f"{account.username}@example.org",
            password=DEMO_PASSWORD,
            first_name=account.first_name,
            last_name=account.last_name,
            is_staff=account.staff or account.superuser,
            is_superuser=account.superuser,
        )
        if group is not None:
            user.groups.add(group)
        created.append(user.username)
    # The public sign-in requires a confirmed address (ACCOUNT_EMAIL_VERIFICATION):
    # without this record the documented `<account>@example.org` sign-in would stop at
    # "confirm your email". Also repairs demo accounts created before this was added.
    for user in User.objects.filter(
        username__in=[account.username for account in DEMO_ACCOUNTS],
        emailaddress__isnull=True,
    ):
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    # Staff sign in with a second factor (web/second_factor.py); without one, each
    # would stop at enrolment on the first visit to the admin.
    for user in User.objects.filter(username__in=[account.username for account in DEMO_ACCOUNTS]):
        if requires_second_factor(user) and not has_second_factor(user):
            TOTP.activate(user, DEMO_TOTP_SECRET)
            RecoveryCodes.activate(user)
    return created
