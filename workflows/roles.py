"""The staff roles of the programme and what each may do, as data.

`services.ensure_roles` turns this into Django groups, Wagtail page and collection
permissions and the two publication workflows.
"""

from dataclasses import dataclass, field

EDITORS = "Éditeurs"
REVIEWERS = "Relecteurs Commission 15"
COORDINATORS = "Coordinateurs"
EXPERT_GROUP_PREFIX = "Experts "

COMMISSION_WORKFLOW = "Validation Commission 15"
COMMISSION_TASK = "Approbation par la Commission 15"
EDITORIAL_WORKFLOW = "Relecture éditoriale"
EDITORIAL_TASK = "Relecture par les éditeurs"

# Wagtail's project template seeds these; they publish from the tree root, which
# would let anyone in them bypass our workflows, so unused ones are retired.
WAGTAIL_STARTER_GROUPS = ("Moderators", "Editors")
WAGTAIL_STARTER_WORKFLOW = "Moderators approval"

REFERENCE_MODELS = ("priority", "territory", "expertbody")
MEDIA_EDIT = ("add", "change", "choose")


@dataclass(frozen=True)
class Role:
    group_name: str
    # "app_label.codename" model permissions.
    permissions: tuple[str, ...] = ()
    # Collection permissions on the root collection, e.g. ("add", "choose").
    image_permissions: tuple[str, ...] = ()
    document_permissions: tuple[str, ...] = ()
    # Page permission types granted on the home page (the whole site).
    site_page_permissions: tuple[str, ...] = field(default=())


def _reference(*actions):
    return tuple(f"knowledge.{action}_{model}" for model in REFERENCE_MODELS for action in actions)


ADMIN_ACCESS = ("wagtailadmin.access_admin",)
# The search's synonym groups (a Wagtail snippet: its model permissions).
SYNONYMS = tuple(f"search.{a}_synonymgroup" for a in ("add", "change", "delete", "view"))

ROLES = (
    Role(
        EDITORS,
        permissions=ADMIN_ACCESS
        + _reference("add", "change", "delete", "view")
        + ("search.view_zeroresultquery", "search.view_searchstatistic")
        # The content-review report, and the review of the pages the editors own
        # (knowledge/review/: declared there, below this app).
        + ("knowledge.view_contentreview", "knowledge.review_editors_pages")
        + ("feedback.view_pagevote",)  # the reports of the votes on pages (feedback/access.py)
        + SYNONYMS
        + tuple(f"knowledge.{a}_roadmapaction" for a in ("add", "change", "delete", "view")),
        image_permissions=MEDIA_EDIT + ("delete",),
        document_permissions=MEDIA_EDIT + ("delete",),
        # No "publish": every publication goes through a workflow.
        site_page_permissions=("add", "change", "lock", "unlock"),
    ),
    # Commission 15 evaluates projects (projects/permissions.py) and approves pages.
    Role(REVIEWERS, permissions=ADMIN_ACCESS + ("projects.evaluate_project",)),
    Role(
        COORDINATORS,
        permissions=ADMIN_ACCESS
        + _reference("add", "change", "view")
        # desk.coordinate_desk is what makes a coordinator (desk/permissions.py).
        + ("desk.coordinate_desk", "desk.view_howtorequest", "desk.change_howtorequest")
        + tuple(f"desk.{a}_routingrule" for a in ("add", "change", "delete", "view"))
        # projects.manage_portfolio makes a coordinator of the portfolio (projects/roles.py).
        + ("projects.manage_portfolio",)
        # The search reports: searches without results, click-through, deflection.
        + ("search.view_zeroresultquery", "search.view_searchstatistic")
        + ("knowledge.view_contentreview",)  # the content-review report (knowledge/review/)
        + tuple(f"projects.{a}_evaluationgrid" for a in ("add", "change", "view"))
        + ("feedback.view_pagevote",)  # the reports of the votes on pages (feedback/access.py)
        + SYNONYMS
        + tuple(f"knowledge.{a}_roadmapaction" for a in ("add", "change", "delete", "view")),
        image_permissions=("choose",),
        document_permissions=("choose",),
    ),
)

# What an expert body's group gets, on its own guide section only.
EXPERT_ROLE = Role(
    "",
    permissions=ADMIN_ACCESS + _reference("view") + ("desk.view_howtorequest",),
    image_permissions=MEDIA_EDIT,
    document_permissions=MEDIA_EDIT,
)
EXPERT_SECTION_PAGE_PERMISSIONS = ("add", "change", "lock", "unlock")
# Coordinators review the Q&A pages the desk drafts from accepted answers: they edit them
# in the questions section (never publish: the editorial review does).
COORDINATOR_QA_PAGE_PERMISSIONS = ("change", "lock", "unlock")


def expert_group_name(body):
    return f"{EXPERT_GROUP_PREFIX}{body.acronym or body.name}"[:150]
