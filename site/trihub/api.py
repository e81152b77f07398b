"""The site's JSON API, version 1: one schema at /api/v1/openapi.json."""

from ninja import NinjaAPI

from desk.api import InvalidInput
from desk.api import router as desk_router
from search.api import router as search_router
from web import ratelimit

api = NinjaAPI(
    title="TRI – API",
    version="1",
    description="Request desk (and, later, guidance search) of the TRI programme.",
    urls_namespace="api-v1",
    docs_url="/docs",
)
api.add_router("/", desk_router)
api.add_router("/", search_router)


@api.exception_handler(ratelimit.RateLimitExceeded)
def rate_limited(request, exc):
    return ratelimit.api_response(api, request, exc)


@api.exception_handler(InvalidInput)
def invalid_input(request, exc):
    return api.create_response(
        request, {"detail": "Invalid input.", "errors": exc.errors}, status=422
    )
