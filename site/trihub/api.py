"""The site's JSON API, version 1: one schema at /api/v1/openapi.json."""

from ninja import NinjaAPI

from desk.api import router as desk_router
from projects.api import router as projects_router
from search.api import router as search_router
from web import ratelimit
from web.api import StrictJSONParser, register_error_handlers

api = NinjaAPI(
    title="TRI – API",
    version="1",
    description=(
        "Request desk, guidance search, projects, Commission 15's evaluations and the "
        "public showcase of the TRI programme. Bodies are JSON "
        "(Content-Type: application/json); every error is JSON with a `detail`, and 422s "
        "give the `errors` by field."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
    parser=StrictJSONParser(),
)
api.add_router("/", desk_router)
api.add_router("/", search_router)
api.add_router("/", projects_router)
register_error_handlers(api)


@api.exception_handler(ratelimit.RateLimitExceeded)
def rate_limited(request, exc):
    return ratelimit.api_response(api, request, exc)
