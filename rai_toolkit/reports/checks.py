"""WeasyPrint needs Pango from the operating system; say which packages when it cannot load."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Warning, register

INSTALL = (
    "apt-get install --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
)


@register()
def weasyprint_loads(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    try:
        import weasyprint  # type: ignore[import-untyped]  # noqa: F401
    except (OSError, ImportError) as error:
        return [
            Warning(
                f"PDF reports are unavailable: WeasyPrint cannot load a system library ({error}).",
                hint=f"On Debian or Ubuntu: {INSTALL}",
                id="reports.W001",
            )
        ]
    return []
