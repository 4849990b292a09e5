"""WSGI entry point for granian (see docs/deploy.md). Production settings unless told otherwise."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rai_toolkit.settings")
os.environ.setdefault("RAI_ENV", "production")

application = get_wsgi_application()
