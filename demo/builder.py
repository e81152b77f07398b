"""Build the demo content idempotently.

Snippets are looked up by slug and pages by (parent, slug) (by type for the sections
that exist once, by snippet for the pages tied 1:1 to a snippet). Whatever already
exists is left untouched, so that a second run creates nothing and editors' changes
survive. The home page is only filled while it is still at the migration's defaults.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Site

from knowledge.models import (
    ContentReview,
    EventIndexPage,
    EventPage,
    ExperimentationRightPage,
    ExpertBody,
    ExpertBodyIndexPage,
    ExpertBodyPage,
    FinancingPage,
    GuideIndexPage,
    GuidePage,
    GuideSectionPage,
    HomePage,
    MasterPlanPage,
    PillarPage,
    Priority,
    PriorityIndexPage,
    PriorityPage,
    ProjectIndexPage,
    QuestionIndexPage,
    RoadmapActionIndexPage,
    RoadmapIndexPage,
    RoadmapUpdatePage,
    StandardPage,
    Territory,
)
from search.models import SynonymGroup
from search.models_words import synonym_members
from search.text import normalise

from . import content

# Keys of the content dicts that name snippets by slug, and the snippets they name.
RELATION_KEYS = {
    "priorities": "priorities",
    "territories": "territories",
    "expert_bodies": "bodies",
    "carrier_bodies": "bodies",
}


@dataclass
class Run:
    """What one run knows: the snippets by slug, what it created, where it reports."""

    stdout: object = None
    created: Counter = field(default_factory=Counter)
    priorities: dict = field(default_factory=dict)
    territories: dict = field(default_factory=dict)
    bodies: dict = field(default_factory=dict)

    def log(self, message):
        if self.stdout is not None:
            self.stdout.write(message)

    def resolve(self, key, slugs):
        lookup = getattr(self, RELATION_KEYS[key])
        return [lookup[slug] for slug in slugs]


def build_demo_content(stdout=None):
    """Create whatever demo content is missing; return counts of what was created."""
    run = Run(stdout=stdout)
    with transaction.atomic():
        build_snippets(run)
        home = get_home_page()
        build_master_plan(run, home)
        build_roadmap(run, home)
        build_experimentation_right(run, home)
        build_priorities(run, home)
        build_guides(run, home)
        build_expert_bodies(run, home)
        build_financing(run, home)
        build_events(run, home)
        build_questions(run, home)
        build_showcase(run, home)
        build_standard_pages(run, home)
        fill_home_page(run, home)
    return dict(run.created)


# --------------------------------------------------------------------------------------
# Snippets
# --------------------------------------------------------------------------------------


def build_snippets(run):
    for data in content.PRIORITIES:
        run.priorities[data["slug"]], _ = ensure_snippet(run, Priority, data)
    for data in content.TERRITORIES:
        run.territories[data["slug"]], _ = ensure_snippet(run, Territory, data)
    for data in content.EXPERT_BODIES:
        run.bodies[data["slug"]] = ensure_expert_body(run, data)
    for terms in content.SYNONYM_GROUPS:
        ensure_synonym_group(run, terms)


def ensure_synonym_group(run, terms):
    """Seed a synonym group unless a group already holds its first term (an editor may
    have reworded it since: a second run must not bring the old wording back)."""
    first = normalise(synonym_members(terms)[0])
    for group in SynonymGroup.objects.all():
        if first in {normalise(member) for member in group.members}:
            return group
    group = SynonymGroup(terms=terms)
    group.full_clean()
    group.save()
    run.created[SynonymGroup.__name__] += 1
    run.log(f"  + {SynonymGroup._meta.verbose_name}: {group}")
    return group


def ensure_snippet(run, model, data):
    defaults = {key: value for key, value in data.items() if key != "slug"}
    instance, created = model.objects.get_or_create(slug=data["slug"], defaults=defaults)
    if created:
        run.created[model.__name__] += 1
        run.log(f"  + {model._meta.verbose_name}: {instance}")
    return instance, created


def ensure_expert_body(run, data):
    data = dict(data)
    priority_slugs = data.pop("priorities")
    body, created = ensure_snippet(run, ExpertBody, data)
    if created:
        body.priorities.set(run.resolve("priorities", priority_slugs))
    return body


# --------------------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------------------


def get_home_page():
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    home = HomePage.objects.first()
    if home is None:
        raise RuntimeError("No home page: run `manage.py migrate` first.")
    return home


def ensure_page(run, parent, page_class, data, existing=None, **fields):
    """Return the page described by ``data`` under ``parent``, creating it if missing.

    ``existing`` is a queryset that finds the page when the slug is not enough (a page
    tied 1:1 to a snippet, a section that exists once per parent); ``fields`` are
    model values that are not in ``data`` (snippet instances, block values).
    """
    data = dict(data)
    slug = data.pop("slug")
    if existing is None:
        existing = parent.get_children().filter(slug=slug)
    found = existing.first()
    if found is not None:
        return found.specific

    relations = {key: data.pop(key) for key in RELATION_KEYS if key in data}
    tags = data.pop("tags", [])
    page = page_class(slug=slug, **data, **fields)
    for key, slugs in relations.items():
        getattr(page, key).set(run.resolve(key, slugs))
    if tags:
        page.tags.add(*tags)
    parent.add_child(instance=page)
    page.save_revision().publish()
    run.created[page_class.__name__] += 1
    run.log(f"  + {page_class._meta.verbose_name}: {page.url_path}")
    return page


def ensure_section(run, home, page_class, data):
    """A top-level section that exists once under the home page."""
    existing = page_class.objects.child_of(home)
    return ensure_page(run, home, page_class, data, existing=existing)


def build_master_plan(run, home):
    master_plan = ensure_section(run, home, MasterPlanPage, content.MASTER_PLAN)
    for data in content.PILLARS:
        ensure_page(run, master_plan, PillarPage, data)


def build_roadmap(run, home):
    roadmap = ensure_section(run, home, RoadmapIndexPage, content.ROADMAP)
    for data in content.ROADMAP_UPDATES:
        ensure_page(run, roadmap, RoadmapUpdatePage, data)


def build_experimentation_right(run, home):
    ensure_page(run, home, ExperimentationRightPage, content.EXPERIMENTATION)


def build_priorities(run, home):
    index = ensure_section(run, home, PriorityIndexPage, content.PRIORITY_INDEX)
    for slug, priority in run.priorities.items():
        data = {"slug": slug, **content.PRIORITY_PAGES[slug]}
        existing = PriorityPage.objects.filter(priority=priority)
        ensure_page(run, index, PriorityPage, data, existing=existing, priority=priority)


def build_expert_bodies(run, home):
    index = ensure_section(run, home, ExpertBodyIndexPage, content.EXPERT_BODY_INDEX)
    for slug, body in run.bodies.items():
        data = {"slug": slug, **content.EXPERT_BODY_PAGES[slug]}
        existing = ExpertBodyPage.objects.filter(expert_body=body)
        ensure_page(run, index, ExpertBodyPage, data, existing=existing, expert_body=body)


def build_guides(run, home):
    index = ensure_section(run, home, GuideIndexPage, content.GUIDE_INDEX)
    sections = {None: index}
    for slug, body in run.bodies.items():
        existing = GuideSectionPage.objects.filter(expert_body=body)
        sections[slug] = ensure_page(
            run,
            index,
            GuideSectionPage,
            content.GUIDE_SECTIONS[slug],
            existing=existing,
            expert_body=body,
        )
    for data in content.GUIDES:
        data = dict(data)
        parent = sections[data.pop("section")]
        steps = [("step", {"title": title, "body": body}) for title, body in data.pop("steps")]
        created_before = run.created[GuidePage.__name__]
        guide = ensure_page(run, parent, GuidePage, data, steps=steps)
        if run.created[GuidePage.__name__] > created_before:  # set once, when created
            set_review_due(guide, content.GUIDE_REVIEW_DUE_IN_DAYS.get(guide.slug))


def set_review_due(guide, due_in_days):
    """Make a just-published guide due `due_in_days` from today, as if reviewed a
    review interval before (knowledge/review/)."""
    if due_in_days is None:
        return
    review_by = timezone.localdate() + datetime.timedelta(days=due_in_days)
    interval = datetime.timedelta(days=settings.KNOWLEDGE_REVIEW_INTERVAL_DAYS)
    ContentReview.objects.filter(page_id=guide.pk).update(
        review_by=review_by,
        reviewed_at=timezone.now() + datetime.timedelta(days=due_in_days) - interval,
    )


def build_financing(run, home):
    ensure_section(run, home, FinancingPage, content.FINANCING)


def build_events(run, home):
    index = ensure_section(run, home, EventIndexPage, content.EVENT_INDEX)
    for data in content.EVENTS:
        ensure_page(run, index, EventPage, data)


def build_questions(run, home):
    ensure_section(run, home, QuestionIndexPage, content.QUESTION_INDEX)


def build_showcase(run, home):
    """The showcase and the accountability page; their content comes from the projects."""
    ensure_section(run, home, ProjectIndexPage, content.PROJECT_INDEX)
    ensure_section(run, home, RoadmapActionIndexPage, content.ROADMAP_ACTION_INDEX)


def build_standard_pages(run, home):
    for data in content.STANDARD_PAGES:
        ensure_page(run, home, StandardPage, data)


def fill_home_page(run, home):
    """Fill the home page once; later edits by editors are left alone."""
    if home.introduction:
        return
    home.title = content.HOME["title"]
    home.introduction = content.HOME["introduction"]
    home.body = content.HOME["body"] + home_links(home)
    home.save_revision().publish()
    run.created["HomePage (filled)"] += 1
    run.log(f"  + home page: {home.title}")


def home_links(home):
    children = {page.slug: page for page in Page.objects.child_of(home)}
    return [
        ("link", {"page": children[slug], "url": "", "text": text})
        for slug, text in content.HOME["links"]
        if slug in children
    ]
