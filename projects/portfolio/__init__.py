"""The admin portfolio of projects, for coordinators and Commission 15.

- `filters.py`: every figure of a project's row computed in SQL (its evaluation state,
  progress, decision, mean score, pillars), and the list's filters on them;
- `figures.py`: the transversal view's figures and the charts' data (drawn by
  `web.charts`, accessible SVG bar charts drawn on the server);
- `exports.py`: the portfolio and the evaluations as CSV and XLSX;
- `views.py`, `viewset.py`: the admin pages, namespace `portfolio`.

Who sees it is `projects.permissions.sees_portfolio`; nothing here restates it.
"""
