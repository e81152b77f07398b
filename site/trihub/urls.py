from django.conf import settings
from django.conf.urls.static import static
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap
from wagtail.documents import urls as wagtaildocs_urls

from desk import account_views
from web.api import no_such_operation

from .api import api

# django-allauth answers its rate limits with ROOT_URLCONF.handler429 (Django has no such
# handler itself): our page, with Retry-After.
handler429 = "web.ratelimit.too_many_requests"
# The API answers JSON even when Django answers for it (a bad Host, a crash).
handler400 = "web.api.bad_request"
handler404 = "web.api.page_not_found"
handler500 = "web.api.server_error"

urlpatterns = [
    # One sign-in for everyone (settings: WAGTAILADMIN_LOGIN_URL): Wagtail's own login
    # form, which took usernames with no attempt limit and no email check, is replaced.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    # The same for Wagtail's front-end login (pages restricted to signed-in visitors):
    # it too took a password with no attempt limit and no email check.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # The language switcher is on every page; without a CSRF token in it, public pages can be
    # cached for anonymous visitors. Switching someone's language is not worth forging.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("compte/donnees/", include("privacy.urls")),
    path("compte/profil/", account_views.profile, name="account_profile"),
    path("compte/", include("allauth.urls")),
    path("demandes/", include("desk.urls")),
    path("mes-projets/", include("desk.project_urls")),
    path("api/v1/", api.urls),
    # An address under /api/ that no operation has: JSON 404, never a redirect to a page.
    re_path(r"^api/(?P<rest>.*)$", no_such_operation),
    path("avis/", include("feedback.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": Sitemap}}),
    path("", include("search.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page serving catches everything else, so it comes last.
urlpatterns += [path("", include(wagtail_urls))]
