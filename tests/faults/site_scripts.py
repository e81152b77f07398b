"""What the suite runs inside the site (`manage.py shell`, production settings): the
seeded content and people, and the steps taken while a fault is on. Each prints one
JSON line last, which the suite reads."""

# The seeded guides' index (load_demo may have made one of its own).
GUIDES = "guides-pannes"

SEED = f"""
import json
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from knowledge.models import GuideIndexPage, GuidePage, HomePage, Priority, Territory
from workflows.roles import COORDINATORS

Priority.objects.get_or_create(slug="efficacite", defaults={{"name": "Efficacité"}})
Territory.objects.get_or_create(slug="littoral", defaults={{"name": "Littoral"}})
home = HomePage.objects.get()
guides = GuideIndexPage(title="Guides", slug="{GUIDES}", introduction="Les modes d'emploi.")
home.add_child(instance=guides)
guides.save_revision().publish()
published = []
for number in range(1, 7):
    guide = GuidePage(
        title=f"Réseau de chaleur {{number}}",
        slug=f"reseau-de-chaleur-{{number}}",
        introduction=f"Mode d'emploi numéro {{number}} pour un réseau de chaleur partagé.",
        audience="Les communes et leurs groupements.",
    )
    guides.add_child(instance=guide)
    guide.save_revision().publish()
    published.append(guide.pk)

User = get_user_model()
holder = User.objects.create_user("faults-holder", "faults-holder@example.org", "unused-5c1d")
# Two coordinators: each request filed tells both (the holder is not told of their own step).
coordinators = []
for number in (1, 2):
    coordinator = User.objects.create_user(
        f"faults-coordinator{{number}}", f"faults-coordinator{{number}}@example.org",
        "unused-5c1d", is_staff=True,
    )
    coordinator.groups.add(Group.objects.get(name=COORDINATORS))
    coordinators.append(coordinator)
for user in (holder, *coordinators):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
guide = GuidePage.objects.get(pk=published[0])
print(json.dumps({{"guides": published, "guide_url": guide.url}}))
"""

# Guide pages published while a fault is on; `{word}` makes them findable apart.
PUBLISH = """
import json
from knowledge.models import GuideIndexPage, GuidePage

published = []
for number in range({count}):
    guide = GuidePage(
        title=f"Guide {word} {{number}}",
        slug=f"guide-{word}-{{number}}",
        introduction=f"Un guide {word} publié pendant la panne.",
    )
    GuideIndexPage.objects.get(slug="{guides}").add_child(instance=guide)
    guide.save_revision().publish()
    published.append(guide.pk)
print(json.dumps({{"published": published}}))
"""

_REQUEST = """
def request_data(title):
    return {{
        "title": title,
        "question": "Comment mutualiser l'étude de faisabilité ?",
        "project_description": "Trois communes, une chaufferie bois.",
        "priorities": [Priority.objects.get(slug="efficacite")],
        "territory": Territory.objects.get(slug="littoral"),
        "stage": "idea",
        "partners": "",
        "funding_sought": "",
        "consent_to_publish": True,
    }}
"""

# Requests filed by the holder: each tells the holder and the coordinator (two emails).
FILE_REQUESTS = (
    """
import json
from django.contrib.auth import get_user_model
from desk import steps
from desk.models import HowToRequest, Notification
from knowledge.models import Priority, Territory
"""
    + _REQUEST
    + """
holder = get_user_model().objects.get(username="faults-holder")
before = Notification.objects.count()
filed = [
    steps.file_request(holder, request_data(f"Demande {word} {{number}}")).pk
    for number in range({count})
]
print(json.dumps({{"filed": filed, "notifications": Notification.objects.count() - before}}))
"""
)

# Pages published and requests filed one after the other while the database restarts:
# a step the outage interrupts is taken again (once: a step already taken is skipped).
DURING_RESTART = (
    """
import json
import time
from django.contrib.auth import get_user_model
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from desk import steps
from desk.models import HowToRequest
from knowledge.models import GuideIndexPage, GuidePage, Priority, Territory
"""
    + _REQUEST
    + """
def again_until_done(step):
    for _attempt in range(240):
        try:
            with transaction.atomic():
                return step()
        except (OperationalError, InterfaceError, DatabaseError) as error:
            print("retried after", type(error).__name__, flush=True)
            connection.close()
            time.sleep(0.25)
    raise RuntimeError("the database did not come back")


def publish(number):
    slug = f"guide-{word}-{{number}}"
    existing = GuidePage.objects.filter(slug=slug).first()
    if existing is not None:
        return existing.pk
    guide = GuidePage(
        title=f"Guide {word} {{number}}", slug=slug,
        introduction=f"Un guide {word} publié pendant le redémarrage.",
    )
    GuideIndexPage.objects.get(slug="{guides}").add_child(instance=guide)
    guide.save_revision().publish()
    return guide.pk


def file(number):
    title = f"Demande {word} {{number}}"
    existing = HowToRequest.objects.filter(title=title).first()
    if existing is not None:
        return existing.pk
    holder = get_user_model().objects.get(username="faults-holder")
    return steps.file_request(holder, request_data(title)).pk


published, filed = [], []
for number in range({count}):
    published.append(again_until_done(lambda: publish(number)))
    print("published", published[-1], flush=True)
    filed.append(again_until_done(lambda: file(number)))
    print("filed", filed[-1], flush=True)
    time.sleep(0.3)
print(json.dumps({{"published": published, "filed": filed}}))
"""
)
