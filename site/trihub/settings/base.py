"""Settings shared by every environment; dev, test and production refine them."""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

SITE_DIR = Path(__file__).resolve().parent.parent.parent  # the site/ folder
BASE_DIR = SITE_DIR.parent  # the repository root
VAR_DIR = Path(env_str("TRIHUB_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    # Project apps first so that their templates and translations win.
    "web",
    "knowledge",
    "projects",
    "desk",
    "workflows",
    "search",
    "feedback",
    "gaps",
    "privacy",
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    # Second factor (TOTP and recovery codes), required of staff: web/second_factor.py.
    "allauth.mfa",
    # Single sign-on for staff by OpenID Connect (ProConnect first), only when configured
    # (OIDC_* below); desk/single_sign_on.py decides who an identity may be.
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django_tasks",
    "django_tasks_db",
    # Request ids in the log lines (DJANGO_GUID, LOGGING).
    "django_guid",
    "csp",
    # The API docs page (/api/v1/docs) then uses its bundled Swagger UI files instead of a
    # CDN, which the Content-Security-Policy would block.
    "ninja",
]

MIDDLEWARE = [
    # /health and /ready first: before the HTTPS redirect, sessions and rate limits
    # (site/trihub/health.py).
    "trihub.health.HealthMiddleware",
    # Each request's id, for its log lines (DJANGO_GUID below).
    "django_guid.middleware.guid_middleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files straight after the security headers, before sessions and the rest:
    # WhiteNoise's, with hashed files cached one year instead of ten (web/staticfiles.py).
    "web.staticfiles.StaticFilesMiddleware",
    # The Content-Security-Policy header: see CONTENT_SECURITY_POLICY below.
    "web.csp.AreaCSPMiddleware",
    # Public pages for anonymous visitors; before sessions, so a hit skips the rest
    # (see web/pagecache.py).
    "web.pagecache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # No admin URL for staff without a second factor (needs the signed-in user).
    "web.second_factor.AdminSecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Says what a reviewer's approval or request for changes did (workflows/feedback.py).
    "workflows.feedback.WorkflowActionFeedbackMiddleware",
]

ROOT_URLCONF = "trihub.urls"
WSGI_APPLICATION = "trihub.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]


# Database: SQLite by default, anything dj-database-url understands via DATABASE_URL.

SQLITE_OPTIONS = {
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock
    # at BEGIN so that concurrent writers queue on the busy timeout instead of
    # failing with "database is locked" when they upgrade a read transaction.
    # A 32 MiB page cache per connection instead of 2 MiB keeps the busy part of a large
    # search index in memory (joining 1,196 matches to their documents: 0.6 ms instead
    # of 2.8), warm across requests in production (CONN_MAX_AGE). Reads through mmap
    # did as well for search but slowed the request desk's lists (bench/README.md).
    "init_command": (
        "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
        "PRAGMA cache_size=-32768;"
    ),
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def database_from_url(url):
    config = dj_database_url.parse(url, conn_max_age=env_int("CONN_MAX_AGE", 0))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config.setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
    elif config["ENGINE"] == "django.db.backends.postgresql":
        # A server that does not answer (down, not refusing) fails a connection in
        # seconds, not the system's two minutes: the worker's back-off and a sent email's
        # wait to be recorded count in seconds.
        config.setdefault("OPTIONS", {}).setdefault(
            "connect_timeout", env_int("DATABASE_CONNECT_TIMEOUT", 10)
        )
    return config


DATABASES = {
    "default": database_from_url(env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"))
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


# Accounts: project holders sign up with an email address they must confirm
# (django-allauth); staff use the same accounts, with groups, in the Wagtail admin.
# Everyone signs in through allauth's flow, by email, so that its attempt limits and
# email verification hold for all: the admin's login page and password reset hand over
# to it (trihub/urls.py), and allauth's backend (a ModelBackend, for permissions) is the
# only one, so no form can authenticate by username beside it.

AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
WAGTAILADMIN_LOGIN_URL = "account_login"
# Pages restricted to signed-in visitors send them there too, not to Wagtail's own
# front-end login form (/_util/login/, which trihub/urls.py also hands over).
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_RESET_ENABLED = False
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[TRI] "
ACCOUNT_ADAPTER = "desk.accounts.AccountAdapter"
# allauth names a person by their name when they gave one (holders do at sign-up:
# desk.account_forms.SignupForm), else by their address, never by a username.
ACCOUNT_USER_DISPLAY = "desk.accounts.display_name"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "desk:my_requests"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_FORMS = {
    # The same forms with a honeypot field (web/honeypot.py).
    "login": "desk.account_forms.LoginForm",
    "signup": "desk.account_forms.SignupForm",
    "reset_password": "desk.account_forms.ResetPasswordForm",
}
# Second factor (allauth.mfa, under /compte/2fa/): an authenticator app (TOTP) and ten
# single-use recovery codes, enrolled from the account pages; every account with admin
# access must enrol before the admin serves it anything (web/second_factor.py). Codes are
# accepted in their own 30-second window only (MFA_TOTP_TOLERANCE 0, allauth's default):
# allauth remembers a used code for one window, so a wider tolerance would let a code be
# replayed in the windows around it. WebAuthn is left out: see README, "Second factor".
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "TRI"

# Single sign-on (README, "Single sign-on"): one OpenID Connect provider, read from the
# environment; without OIDC_SERVER_URL there is none, and the sign-in page shows nothing
# of it. An identity only ever signs in to an existing staff account whose verified
# address is the provider's verified email (desk/single_sign_on.py): no sign-up, no
# connecting by email behind the adapter's back (allauth's email authentication would also
# wipe the account's password). PKCE on, whatever the provider advertises.
OIDC_SERVER_URL = env_str("OIDC_SERVER_URL", "")
OIDC_PROVIDER_ID = env_str("OIDC_PROVIDER_ID", "proconnect")
OIDC_PROVIDER_NAME = env_str("OIDC_PROVIDER_NAME", "ProConnect")
OIDC_CLIENT_ID = env_str("OIDC_CLIENT_ID", "")
OIDC_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET", "")
# ProConnect's scopes ("usual_name" is its family name); a standard provider's are
# openid,email,profile.
OIDC_SCOPES = env_list("OIDC_SCOPES", ["openid", "email", "given_name", "usual_name"])
# True: a sign-in through the provider counts as the second factor too (the provider
# asked for one of its own); false: staff still type their authenticator's code.
OIDC_TRUSTED_FOR_MFA = env_bool("OIDC_TRUSTED_FOR_MFA", False)
if OIDC_SERVER_URL and not (OIDC_CLIENT_ID and OIDC_CLIENT_SECRET):
    raise ImproperlyConfigured("OIDC_SERVER_URL needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET.")
SOCIALACCOUNT_ADAPTER = "desk.single_sign_on.StaffSingleSignOnAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": OIDC_PROVIDER_ID,
                "name": OIDC_PROVIDER_NAME,
                "client_id": OIDC_CLIENT_ID,
                "secret": OIDC_CLIENT_SECRET,
                "settings": {"server_url": OIDC_SERVER_URL, "scope": OIDC_SCOPES},
            }
        ]
        if OIDC_SERVER_URL
        else [],
    }
}


# Abuse limits, per client: far above what people do, so that only robots meet them.
# Sign-in, sign-up and password reset: django-allauth's own limits ("count/window/per",
# per ip, per user or per key = the email typed). Filing a request and searching:
# web/ratelimit.py, with TRIHUB_RATE_LIMITS ("count/window"); requests per person,
# searches per client address. RATELIMITS_ENABLED=false turns all of them off (a load
# benchmark run from one machine would meet them at once).

TRIHUB_RATELIMITS_ENABLED = env_bool("RATELIMITS_ENABLED", True)
TRIHUB_RATE_LIMITS = {
    "request_submit": "10/h",
    # Each invitation to a project's team sends an email to any address: a team is
    # rarely more than a dozen people, and a spammer would be stopped at once.
    "project_invite": "20/h",
    "search_page": "120/m",
    "search_api": "120/m",
    # Asked as people type (a pause of 300 ms between asks), from every tab at once.
    "search_suggest": "600/m",
    # The search page's and request form's beacons (search/views.py: event).
    "search_event": "300/m",
    # Erasing one's account asks for the password: a few tries, then a pause.
    "account_delete": "5/15m",
    # "Did this page help?" votes and their comments, per address: a reader votes on a
    # few pages an hour; a school or an office behind one address, on a few dozen.
    "feedback_vote": "30/h",
}
ACCOUNT_RATE_LIMITS = (
    {
        "login": "30/m/ip",
        "login_failed": "10/m/ip,5/5m/key",
        "signup": "20/m/ip",
        "reset_password": "20/m/ip,5/5m/key",
        "reset_password_from_key": "20/m/ip",
        # A new confirmation email at most every three minutes per address; by link,
        # allauth just skips sending (the earlier link still works).
        "confirm_email": "1/3m/key",
        # allauth 65 has no key of its own for the second factor: a wrong code (TOTP or
        # recovery, at sign-in or re-authentication) and the password asked again before
        # enrolling count under "login_failed", the code's keyed by account. So five wrong
        # codes per account in five minutes, ten wrong attempts per address a minute.
    }
    if TRIHUB_RATELIMITS_ENABLED
    else False
)
# Client addresses: REMOTE_ADDR, unless this many reverse proxies of ours stand in front
# (then X-Forwarded-For, read from the right). Trusting the header without a proxy of
# ours would let anyone write a new address on each request and escape every limit.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT


# Background work: Django's tasks API with a database queue, run by `manage.py run_worker`
# (web/worker.py). Its heartbeat, how long without one means dead (its running tasks are
# queued again), and how often it queues what is due but was not queued (seconds).

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
WORKER_HEARTBEAT_SECONDS = env_int("WORKER_HEARTBEAT_SECONDS", 10)
WORKER_HEARTBEAT_STALE_SECONDS = env_int("WORKER_HEARTBEAT_STALE_SECONDS", 60)
WORKER_HOUSEKEEPING_SECONDS = env_int("WORKER_HOUSEKEEPING_SECONDS", 60)
# A notification still "sending" this long after its claim was cut off by a stopped
# worker: it is sent again, once. Keep it well above a send's few EMAIL_TIMEOUTs and the
# two minutes a sent email waits for the database to record it (desk/notifications.py).
NOTIFICATION_STALE_SENDING_SECONDS = env_int("NOTIFICATION_STALE_SENDING_SECONDS", 300)


# Languages: French first, English second.

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = [("fr", _("French"))]
# Django's session and CSRF cookies are SameSite=Lax by default, its language cookie has no
# SameSite at all: Lax like them (sent when following a link to the site, not on other
# sites' cross-site subrequests).
LANGUAGE_COOKIE_SAMESITE = "Lax"


# Static and media files.

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000


# Caches live on disk so that every server worker sees the same rate-limit counters
# and the same page cache (a per-process memory cache would not). "pages" holds
# rendered public pages and is cleared as a whole when content changes.

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache" / "default"),
        # Rate-limit counters: one per client and window. The default, 300, culls live
        # counters on a busy day; far more makes every write list a huge folder.
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache" / "pages"),
        "TIMEOUT": env_int("PAGE_CACHE_SECONDS", 60 * 60),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}


# Request desk: deadlines in French working days; optional review of answers.
DESK_QUALIFICATION_DAYS = env_int("DESK_QUALIFICATION_DAYS", 5)
DESK_ANSWER_DAYS = env_int("DESK_ANSWER_DAYS", 15)
DESK_REVIEW_ANSWERS = env_bool("DESK_REVIEW_ANSWERS", False)
# Reminders (`desk/reminders.py`): this many working days before a due date, to whoever
# has the ball; the coordinators once it has passed. Checked daily at this local time
# (TIME_ZONE) by a task that queues its own next run (`manage.py schedule_desk_reminders`).
DESK_REMINDER_WORKING_DAYS = env_int("DESK_REMINDER_WORKING_DAYS", 2)
DESK_REMINDERS_AT = env_str("DESK_REMINDERS_AT", "07:00")
# A request waiting on its holder this many working days or more is "waiting too long"
# on the coordinator's dashboard.
DESK_HOLDER_WAIT_DAYS = env_int("DESK_HOLDER_WAIT_DAYS", 10)
# A page an answer cites is republished with changed content: the expert and the holder
# are told while the desk still owes the answer, and this many months after it
# (`desk/citations.py`); past that the answer has done its work.
DESK_CITATION_ALERT_MONTHS = env_int("DESK_CITATION_ALERT_MONTHS", 6)

# Review dates of guides and Q&A pages (knowledge/review/): a publication, or "mark
# reviewed", holds a page true for this many days (a year: the programme's funding
# schemes change yearly); its owners are reminded this many days before, and once
# when it is overdue (`manage.py send_review_reminders`, and the worker's rounds).
KNOWLEDGE_REVIEW_INTERVAL_DAYS = env_int("KNOWLEDGE_REVIEW_INTERVAL_DAYS", 365)
KNOWLEDGE_REVIEW_REMINDER_DAYS = env_int("KNOWLEDGE_REVIEW_REMINDER_DAYS", 30)

# Projects: Commission 15 evaluates in working days; an invitation to a team lasts
# two weeks (long enough for a holiday, short enough that a stale link stops working).
PROJECTS_EVALUATION_DAYS = env_int("PROJECTS_EVALUATION_DAYS", 20)
PROJECTS_INVITATION_DAYS = env_int("PROJECTS_INVITATION_DAYS", 14)

# Personal data: holders with no login and no request activity for this long are
# erased by `manage.py anonymise_inactive_holders` (run it daily).
TRIHUB_RETENTION_DAYS = env_int("RETENTION_DAYS", 3 * 365)
# Emails about each step: switched off only for bulk imports and for the benchmark that
# measures what they cost (bench/site).
DESK_NOTIFICATIONS_ENABLED = env_bool("DESK_NOTIFICATIONS", True)

# Request attachments are private: stored outside MEDIA_ROOT, served by a view that
# checks who may see the request.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))


# Email: SMTP configured by environment variables; dev and test override the backend.

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
# Used only by the file backend (EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend).
EMAIL_FILE_PATH = Path(env_str("EMAIL_FILE_PATH", str(VAR_DIR / "mail")))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "TRI <noreply@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)


# Content-Security-Policy (django-csp 4), in every environment so that dev and tests see what
# production sends. The public site is strict: our own files only, no inline script or style
# (our templates have none; a page that ever needs one gives it the request's nonce,
# {{ request.csp_nonce }}). Browser tests can collect violations with tests/site/csp.py.

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
    },
}
# Signing in through the single sign-on provider: the button's POST is answered with a
# redirect to the provider's authorization page, and browsers hold redirects after a form
# to form-action too. Its origin is the issuer's (ProConnect's are).
if OIDC_SERVER_URL:
    _issuer = urlsplit(OIDC_SERVER_URL)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(
        f"{_issuer.scheme}://{_issuer.netloc}"
    )
# The Wagtail admin (and the page previews it frames, served under /admin/) gets these
# directives instead, applied by web.csp.AreaCSPMiddleware. Seen in Chromium on Wagtail 8.0.1
# (dashboard, explorer, page edit with StreamField and preview, snippets, images, request desk):
# - inline <script> in the date/time widgets (initDateChooser...) and in InlinePanel, on listing
#   filters and edit forms, and an inline event handler on the image edit page: 'unsafe-inline'
#   for scripts (a nonce cannot reach widget templates, and a nonce would disable 'unsafe-inline');
# - <style> elements injected by the rich text editor (Draftail): 'unsafe-inline' for styles;
# - blob: and data: images for upload previews and the image editor (wagtail#12368).
# No eval and no third-party origin is needed once Gravatar and the update check are off (below).
CSP_ADMIN_PATH_PREFIXES = ("/admin/",)
CSP_ADMIN_REPLACE = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
}


# Wagtail.

WAGTAIL_SITE_NAME = "TRI – Troisième Révolution Industrielle"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# No third-party requests from the admin (privacy, and the CSP allows none): initials instead
# of Gravatar pictures, no check for new Wagtail releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Guidance search: the database by default; an engine when SEARCH_URL is set.
SEARCH_URL = env_str("SEARCH_URL", "")
SEARCH_ENGINE = env_str("SEARCH_ENGINE", "opensearch")  # or "elasticsearch"
SEARCH_INDEX = env_str("SEARCH_INDEX", "trihub-guidance")
SEARCH_TIMEOUT = env_int("SEARCH_TIMEOUT", 3)
# A rebuild's index creation and bulk loads (worker, operator): longer than a search.
SEARCH_BULK_TIMEOUT = env_int("SEARCH_BULK_TIMEOUT", 60)
# An engine that failed this many times in a row is left alone this many seconds, then
# tried once (search/breaker.py).
SEARCH_BREAKER_FAILURES = env_int("SEARCH_BREAKER_FAILURES", 3)
SEARCH_BREAKER_SECONDS = env_int("SEARCH_BREAKER_SECONDS", 30)
# What search and suggestions achieve (search/statistics.py): counted per day in each
# process and written at most every SEARCH_STATISTICS_FLUSH_SECONDS (a killed process
# loses that much); SEARCH_STATISTICS=false counts nothing (the bench compares both).
SEARCH_STATISTICS = env_bool("SEARCH_STATISTICS", True)
SEARCH_STATISTICS_FLUSH_SECONDS = env_int("SEARCH_STATISTICS_FLUSH_SECONDS", 30)
SEARCH_STATISTICS_FLUSH_AT_EXIT = True
# What is kept of the words searched (search/query_privacy.py): a query shows in the
# reports and the gap queue once searched this many times; the rows of those that never
# get there are folded away this many days after their last search (the retention timer).
SEARCH_STATISTICS_MIN_SEARCHES = env_int("SEARCH_STATISTICS_MIN_SEARCHES", 3)
# ... and on two different days at least (one sitting's repeats do not make it shown).
SEARCH_STATISTICS_TWO_DAYS = env_bool("SEARCH_STATISTICS_TWO_DAYS", True)
SEARCH_STATISTICS_RARE_DAYS = env_int("SEARCH_STATISTICS_RARE_DAYS", 90)
# The guidance-gap queue (gaps/): the worker refreshes it at most this often (seconds).
GAPS_REFRESH_SECONDS = env_int("GAPS_REFRESH_SECONDS", 3600)
# A search that found nothing this many times is a gap (once is most often a typo).
GAPS_MIN_SEARCHES = env_int("GAPS_MIN_SEARCHES", 2)
# A page rated unhelpful this many times, by at least this share of its votes.
GAPS_MIN_UNHELPFUL_VOTES = env_int("GAPS_MIN_UNHELPFUL_VOTES", 3)
GAPS_MIN_UNHELPFUL_SHARE = 0.5
# This many requests of the last GAPS_REQUEST_DAYS sharing this many significant terms
# of their title and question; a term found in more than GAPS_COMMON_TERM_SHARE of those
# requests ("projet", "financer") says nothing of a subject and is not significant.
GAPS_MIN_REQUESTS = env_int("GAPS_MIN_REQUESTS", 3)
GAPS_MIN_SHARED_TERMS = env_int("GAPS_MIN_SHARED_TERMS", 2)
GAPS_COMMON_TERM_SHARE = 0.3
GAPS_REQUEST_DAYS = env_int("GAPS_REQUEST_DAYS", 365)

WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "docx", "xlsx", "csv", "txt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_WORKFLOW_ENABLED = True
# An edit made while a page is in review sends it back to the first task.
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILADMIN_COMMENTS_ENABLED = True
# A page protected by a password asks for it in the site's layout, not on a bare page.
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "knowledge/password_required.html"
# Approval publishes; see workflows/publishing.py for why.
WAGTAIL_FINISH_WORKFLOW_ACTION = "workflows.publishing.publish_approved_revision"

# Demo accounts have well-known passwords: only dev and test may create them.
TRIHUB_DEMO_ACCOUNTS_ALLOWED = False
# /ready fails when a task ready to run has waited longer than this (seconds): the worker
# is dead or stuck (site/trihub/health.py).
HEALTH_TASK_MAX_WAIT = env_int("HEALTH_TASK_MAX_WAIT", 600)
# The production settings mark their database, which then refuses any other settings
# (web/deployment.py).
TRIHUB_PRODUCTION = False

# One line per event (web/logs.py): JSON by default (LOG_FORMAT=json), for the journal or a
# log collector; LOG_FORMAT=text for people (the development settings' default).
LOG_FORMATS = {
    "json": {
        "()": "pythonjsonlogger.json.JsonFormatter",
        # The time in ISO 8601, in UTC with its offset: unambiguous across servers and
        # daylight-saving changes (asctime is local time without one).
        "timestamp": "time",
        "fmt": "%(levelname)s %(name)s %(correlation_id)s %(message)s",
        "rename_fields": {
            "levelname": "level",
            "name": "logger",
            "correlation_id": "request_id",
        },
    },
    "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(correlation_id)s] %(message)s"},
}
LOG_FORMAT = env_str("LOG_FORMAT", "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "django_guid.log_filters.CorrelationId"},
        "client_error": {"()": "web.logs.ClientErrorWithoutTraceback"},
    },
    "formatters": {"site": LOG_FORMATS[LOG_FORMAT]},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "site",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # The engine clients log every call at INFO: only their warnings and errors.
        "opensearch": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        "elasticsearch": {"level": "WARNING"},
        "django.security.DisallowedHost": {"filters": ["client_error"]},
    },
}
# The request id (`request_id` in the logs): the proxy's X-Request-ID when it is a valid
# one, else a new one; sent back in the response's X-Request-ID.
DJANGO_GUID = {
    "GUID_HEADER_NAME": "X-Request-ID",
    "VALIDATE_GUID": True,
    "RETURN_HEADER": True,
    "EXPOSE_HEADER": False,
    "IGNORE_URLS": [],
}
