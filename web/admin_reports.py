"""The two URLs of a Wagtail report, named once: by the view.

A `ReportView` is served twice: its page, and the listing alone that its filters fetch
as they change (`results_only=True`, at the page's address followed by `results/`). It
finds both addresses by the names it holds (`index_url_name`, `index_results_url_name`);
`report_urls(route, View)` registers them under those names, so that no hook repeats
them (or gets one wrong). The route may take arguments (`reports/page-votes/<int:page_id>/`)
when the view reverses its names with them.
"""

from django.urls import path


def report_urls(route, view_class):
    """[the page, its results] for `register_admin_urls`; `route` ends with a slash."""
    return [
        path(route, view_class.as_view(), name=view_class.index_url_name),
        path(
            f"{route}results/",
            view_class.as_view(results_only=True),
            name=view_class.index_results_url_name,
        ),
    ]
