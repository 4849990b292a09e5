"""Showing a refused step to the person who tried it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest


def report(request: HttpRequest, error: ValidationError) -> None:
    """Every reason the step was refused, as one message on the next page."""
    messages.error(request, " ".join(error.messages))
