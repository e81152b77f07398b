"""What every JSON API operation of the site shares: how a body is read, how each error
is answered (always JSON, always documented), how lists are paged.

django-ninja reads bodies leniently (any content type is parsed as JSON, lone UTF-16
surrogates pass through to the database and fail there) and answers its own validation
errors in another shape than ours; its unhandled errors, and Django's 400 and 500, are
HTML pages. This module makes the API's answers one contract:

- 400 unreadable body (not JSON, or text no database can store), 415 a body that is not
  `application/json`, 422 invalid input with the errors by field, 500 JSON too;
- page numbers are bounded, so no page asks the database for an offset past its
  integers.
"""

import json
import logging

from django.http import JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from ninja import Field, Schema
from ninja.errors import HttpError, ValidationError
from ninja.pagination import PageNumberPagination
from ninja.parser import Parser

from .ratelimit import RateLimitedOut

logger = logging.getLogger(__name__)

API_PATH_PREFIX = "/api/"
# No one pages this far, and an engine refuses to page past 10,000 results.
MAX_PAGE = 1000


NOT_JSON = "Send the body as JSON, with the header Content-Type: application/json."


class ErrorOut(Schema):
    detail: str


class InvalidOut(Schema):
    detail: str
    errors: dict[str, list[str]]


ERROR_SCHEMAS = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    415: ErrorOut,
    422: InvalidOut,
    429: RateLimitedOut,
}


def answers(ok_status, ok_schema, *error_statuses):
    """An operation's `response`: its success and every error status it may answer."""
    return {ok_status: ok_schema, **{status: ERROR_SCHEMAS[status] for status in error_statuses}}


class InvalidInput(Exception):
    """A form refused the input; answered 422 with the errors by field."""

    def __init__(self, errors):
        super().__init__("invalid input")
        self.errors = errors


class UnsupportedBody(Exception):
    """The body is not JSON by its content type (415)."""


class UnreadableBody(Exception):
    """The body is not valid JSON text, or holds text no database can store (400)."""


def _lone_surrogates(value):
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True
        return False
    if isinstance(value, dict):
        return any(_lone_surrogates(k) or _lone_surrogates(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_lone_surrogates(item) for item in value)
    return False


class StrictJSONParser(Parser):
    def parse_body(self, request):
        content_type = request.content_type or ""
        if content_type != "application/json" and not content_type.endswith("+json"):
            raise UnsupportedBody(content_type)
        try:
            data = json.loads(request.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise UnreadableBody(str(error)) from error
        # JSON allows "\ud800" alone; no UTF-8 database can store it.
        if _lone_surrogates(data):
            raise UnreadableBody("a string holds a lone UTF-16 surrogate")
        return data


class BoundedPageNumberPagination(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=100)


def _field_errors(validation_errors):
    """ninja's (pydantic's) errors by field, as our 422s give them."""
    errors = {}
    for error in validation_errors:
        location = [str(part) for part in error.get("loc", ()) if not isinstance(part, int)]
        names = [part for part in location if part not in {"body", "payload", "query", "path"}]
        errors.setdefault(names[-1] if names else "__all__", []).append(error.get("msg", ""))
    return errors


def register_error_handlers(api):
    """Answer every error of `api` as JSON, in the shapes documented by `answers`."""

    def invalid(request, errors):
        return api.create_response(
            request, {"detail": "Invalid input.", "errors": errors}, status=422
        )

    @api.exception_handler(InvalidInput)
    def invalid_input(request, exc):
        return invalid(request, exc.errors)

    @api.exception_handler(ValidationError)
    def invalid_parameters(request, exc):
        return invalid(request, _field_errors(exc.errors))

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        # ninja wraps any parser error in a 400 "Cannot parse request body"; ours say why.
        cause = exc.__cause__
        if isinstance(cause, UnsupportedBody):
            return api.create_response(request, {"detail": NOT_JSON}, status=415)
        if isinstance(cause, UnreadableBody):
            detail = "The body is not valid JSON text (UTF-8, no lone surrogates)."
            return api.create_response(request, {"detail": detail}, status=400)
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

    @api.exception_handler(MultiPartParserError)
    def unreadable_form(request, exc):
        # A form body the CSRF check tried to read (a multipart without boundary...).
        return api.create_response(request, {"detail": NOT_JSON}, status=415)

    @api.exception_handler(Exception)
    def server_error(request, exc):
        logger.exception("API error on %s", request.path, exc_info=exc)
        return api.create_response(request, {"detail": "Internal server error."}, status=500)


def page_not_found(request, exception, template_name="404.html"):
    """Django's 404 handler, in JSON for the API (an address no operation has)."""
    if request.path.startswith(API_PATH_PREFIX):
        return JsonResponse({"detail": "Not Found"}, status=404)
    return defaults.page_not_found(request, exception, template_name=template_name)


@csrf_exempt
def no_such_operation(request, rest=""):
    """Any address under /api/ that no operation has, whatever the method: 404 in JSON.

    Without it, Django's APPEND_SLASH would redirect `/api/v1/projects/null` to the same
    address with a slash, which Wagtail's page serving catches: a PUT or DELETE then met
    its CSRF check and answered an HTML 403."""
    return JsonResponse({"detail": "Not Found"}, status=404)


def bad_request(request, exception, template_name="400.html"):
    """Django's 400 handler, in JSON for the API."""
    if request.path.startswith(API_PATH_PREFIX):
        return JsonResponse({"detail": "Bad request."}, status=400)
    return defaults.bad_request(request, exception, template_name=template_name)


def server_error(request, template_name="500.html"):
    """Django's 500 handler, in JSON for the API."""
    if request.path.startswith(API_PATH_PREFIX):
        return JsonResponse({"detail": "Internal server error."}, status=500)
    return defaults.server_error(request, template_name=template_name)
