"""One Content-Security-Policy per area: strict on the public site, what Wagtail needs in the admin.

django-csp builds the header from settings.CONTENT_SECURITY_POLICY; this middleware swaps in the
admin's looser directives (settings.CSP_ADMIN_REPLACE) for paths under CSP_ADMIN_PATH_PREFIXES,
so a change to the admin policy can never loosen the public site. A view's own @csp/@csp_replace
decorator still wins over the area default.
"""

from csp.middleware import CSPMiddleware
from django.conf import settings


class AreaCSPMiddleware(CSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        in_admin = request.path_info.startswith(tuple(settings.CSP_ADMIN_PATH_PREFIXES))
        if in_admin and not report_only:
            # The view's own replacements (if any) are applied over the admin's.
            parts.replace = {**settings.CSP_ADMIN_REPLACE, **(parts.replace or {})}
        return parts
