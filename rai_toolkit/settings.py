"""Settings for the Responsible AI Toolkit platform.

Every value an operator may change is read from the environment through `rai_toolkit.env` and is
documented in `.env.example`. Development needs no environment at all: `RAI_ENV` defaults to
`development`, which uses SQLite and a generated key in `var/`. `wsgi.py` defaults to `production`.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from rai_toolkit.env import (
    database_from_url,
    development_secret_key,
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_secret,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
RAI_ENV = env_choice("RAI_ENV", ("development", "production"), "development")
PRODUCTION = RAI_ENV == "production"
DEBUG = env_bool("DEBUG", not PRODUCTION)
DATA_DIR = Path(env_str("RAI_DATA_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_secret("SECRET_KEY") or ""
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("Set SECRET_KEY or SECRET_KEY_FILE (RAI_ENV=production).")
    SECRET_KEY = development_secret_key(DATA_DIR)
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS", [])

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "django_countries",
    "rai_toolkit.core",
    "rai_toolkit.audit",
    "rai_toolkit.accounts",
    "rai_toolkit.agencies",
    "rai_toolkit.knowledge",
    "rai_toolkit.questionnaires",
    "rai_toolkit.assessments",
    "rai_toolkit.register",
    "rai_toolkit.screening",
    "rai_toolkit.risk",
    "rai_toolkit.reports",
    "rai_toolkit.transparency",
    "rai_toolkit.bundles",
    "rai_toolkit.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "rai_toolkit.core.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "rai_toolkit.accounts.middleware.SessionTimeoutMiddleware",
    "rai_toolkit.accounts.middleware.UserLanguageMiddleware",
    "rai_toolkit.accounts.middleware.LoginRequiredMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "rai_toolkit.accounts.middleware.MfaRequiredMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "rai_toolkit.urls"
WSGI_APPLICATION = "rai_toolkit.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "rai_toolkit" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rai_toolkit.core.context_processors.layout",
                "rai_toolkit.agencies.context_processors.agency_switcher",
                "rai_toolkit.audit.context_processors.versioning",
            ],
        },
    },
]
FORM_RENDERER = "rai_toolkit.core.forms.BootstrapFormRenderer"

DATABASES = {
    "default": database_from_url(
        env_secret("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'db.sqlite3'}"
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every worker process: TOTP replay protection and rate limits rely on it.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "rai_cache",
    },
    # Rendered page fragments, per process. Keys carry the data version (the audit trail's
    # head), which every change advances, so a fragment is never served after its data changed.
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "rai-fragments",
        "TIMEOUT": 600,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
RAI_PASSWORD_MIN_LENGTH = env_int("RAI_PASSWORD_MIN_LENGTH", 12, minimum=12)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": RAI_PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# Sessions: idle and absolute limits are enforced server-side by SessionTimeoutMiddleware.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
RAI_SESSION_IDLE_MINUTES = env_int("RAI_SESSION_IDLE_MINUTES", 30, minimum=1)
RAI_SESSION_MAX_HOURS = env_int("RAI_SESSION_MAX_HOURS", 12, minimum=1)
SESSION_COOKIE_AGE = RAI_SESSION_MAX_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", PRODUCTION)
SESSION_COOKIE_NAME = "__Host-sessionid" if SESSION_COOKIE_SECURE else "sessionid"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
CSRF_COOKIE_NAME = "__Host-csrftoken" if CSRF_COOKIE_SECURE else "csrftoken"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "rai_toolkit.core.views.csrf_failure"

# Transport and browser hardening (see docs/deploy.md for the reverse proxy).
RAI_TRUSTED_PROXIES = env_int("RAI_TRUSTED_PROXIES", 1 if PRODUCTION else 0, minimum=0)
ALLAUTH_TRUSTED_PROXY_COUNT = RAI_TRUSTED_PROXIES
if RAI_TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", PRODUCTION)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", PRODUCTION)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Request limits: an oversized or malformed request gets a 400 page, never a partial write.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("RAI_MAX_REQUEST_BYTES", 1024 * 1024, minimum=65536)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español"), ("ar", "العربية")]
LOCALE_PATHS = [BASE_DIR / "rai_toolkit" / "locale"]
LANGUAGE_COOKIE_NAME = "rai_language"
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = env_str("RAI_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static")))
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "rai_toolkit" / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
if PRODUCTION:  # development and tests serve static files through Django itself
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(DATA_DIR / "media")))

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "RAI Toolkit <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: the database queue in production (`manage.py db_worker`), inline otherwise.
TASKS = {
    "default": {
        "BACKEND": env_str(
            "RAI_TASKS_BACKEND",
            "django_tasks_db.DatabaseBackend"
            if PRODUCTION
            else "django_tasks.backends.immediate.ImmediateBackend",
        )
    }
}

# django-allauth: e-mail sign-in, invitation-only sign-up, no user enumeration, MFA.
ACCOUNT_ADAPTER = "rai_toolkit.accounts.adapters.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "rai_toolkit.accounts.forms.SignupExtraForm"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[RAI Toolkit] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if PRODUCTION else "http"
# Per-account lockout is ours (accounts.lockout); allauth's throttles stay on top of it, per
# address and per account (its key also limits second-factor codes per user).
ACCOUNT_RATE_LIMITS = {"login_failed": "30/m/ip,5/5m/key"}
MFA_FORMS = {
    "authenticate": "rai_toolkit.accounts.mfa_forms.LockoutAwareAuthenticateForm",
    "reauthenticate": "rai_toolkit.accounts.mfa_forms.LockoutAwareReauthenticateForm",
}
MFA_ADAPTER = "rai_toolkit.accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
# Accept the code of the neighbouring 30-second step too (clock drift, a code typed as it
# changes); each code is still accepted only once.
MFA_TOTP_TOLERANCE = 1
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not PRODUCTION
RAI_SITE_NAME = env_str("RAI_SITE_NAME", "RAI Toolkit")
# Where links in e-mails sent outside a web request (command line, worker) point to.
RAI_BASE_URL = env_str("RAI_BASE_URL", "http://127.0.0.1:8000")
MFA_TOTP_ISSUER = RAI_SITE_NAME

# Platform policy.
RAI_MFA_REQUIRED = env_bool("RAI_MFA_REQUIRED", True)
RAI_SIGNUP_INVITATION_ONLY = env_bool("RAI_SIGNUP_INVITATION_ONLY", True)
RAI_LOCKOUT_ATTEMPTS = env_int("RAI_LOCKOUT_ATTEMPTS", 5, minimum=1)
RAI_LOCKOUT_WINDOW_MINUTES = env_int("RAI_LOCKOUT_WINDOW_MINUTES", 15, minimum=1)
RAI_LOCKOUT_MINUTES = env_int("RAI_LOCKOUT_MINUTES", 15, minimum=1)
RAI_INVITATION_DAYS = env_int("RAI_INVITATION_DAYS", 7, minimum=1)
RAI_SHOW_INVITATION_LINKS = env_bool("RAI_SHOW_INVITATION_LINKS", not PRODUCTION)

# The toolkit (knowledge base): readable without an account unless this is set.
RAI_TOOLKIT_REQUIRE_SIGN_IN = env_bool("RAI_TOOLKIT_REQUIRE_SIGN_IN", False)
# Approvals a draft edition needs, from reviewers who did not change it, before publication.
RAI_TOOLKIT_APPROVALS = env_int("RAI_TOOLKIT_APPROVALS", 2, minimum=1)
TOOLKIT_CONTENT_DIR = BASE_DIR / "content"
QUESTIONNAIRE_DIR = BASE_DIR / "questionnaires"
# Evidence files attached to assessment answers (stored under MEDIA_ROOT, never served directly).
RAI_EVIDENCE_MAX_MB = env_int("RAI_EVIDENCE_MAX_MB", 20, minimum=1)
# Largest export bundle an agency admin may import, in megabytes (packed and unpacked).
RAI_BUNDLE_MAX_MB = env_int("RAI_BUNDLE_MAX_MB", 200, minimum=1)
# Markings printed on reports for public, internal and restricted content, in that order.
RAI_CLASSIFICATION_LABELS = tuple(
    label.strip()
    for label in env_str("RAI_CLASSIFICATION_LABELS", "PUBLIC,INTERNAL,RESTRICTED").split(",")
)
if len(RAI_CLASSIFICATION_LABELS) != 3 or not all(RAI_CLASSIFICATION_LABELS):
    raise ImproperlyConfigured("RAI_CLASSIFICATION_LABELS needs three comma-separated labels.")
# Months after a decision on an AI system before its risk assessment must be done again.
RAI_REASSESSMENT_MONTHS = env_int("RAI_REASSESSMENT_MONTHS", 12, minimum=1)
# The same when a residual risk above the acceptable level was accepted (methodology, section 2).
RAI_REASSESSMENT_MONTHS_ABOVE_ACCEPTABLE = env_int(
    "RAI_REASSESSMENT_MONTHS_ABOVE_ACCEPTABLE", 6, minimum=1
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("RAI_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
