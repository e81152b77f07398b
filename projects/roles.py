"""Who someone is for projects: a coordinator of the portfolio, an evaluator of
Commission 15. Both are permissions (granted to groups by `workflows.roles`), never a
group's name."""

MANAGE_PORTFOLIO = "projects.manage_portfolio"
EVALUATE = "projects.evaluate_project"

_CACHE = "_project_roles"


def roles_of(user):
    """(manages the portfolio, evaluates for Commission 15), computed once per user."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False, False
    if not hasattr(user, _CACHE):
        setattr(user, _CACHE, (user.has_perm(MANAGE_PORTFOLIO), user.has_perm(EVALUATE)))
    return getattr(user, _CACHE)


def sees_portfolio(user):
    """Coordinators and Commission 15 see every project (the admin's portfolio, the
    projects' audit log); nobody else sees a project they are not a member of."""
    manages, evaluates = roles_of(user)
    return manages or evaluates
