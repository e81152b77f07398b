"""The projects' JSON API (django-ninja), mounted under /api/v1/ beside the desk's.

- `team.py`: a holder's projects, their team, invitations and showcase consent, and
  Commission 15's decision once taken (the project's members only);
- `portfolio.py`: the portfolio, evaluations and their steps (coordinators and
  Commission 15);
- `showcase.py`: the public showcase (no authentication);
- `common.py`: how steps are taken and refused, and what the three share.

Every operation calls the steps of `projects.steps` and asks `projects.permissions`;
another person's project or evaluation answers 404.
"""

from ninja import Router

from . import portfolio, showcase, team

router = Router()
router.add_router("/", team.router)
router.add_router("/", portfolio.router)
router.add_router("/", showcase.router)

__all__ = ["router"]
