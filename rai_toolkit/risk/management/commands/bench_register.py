from __future__ import annotations

import statistics
import time
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.test import Client

from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Agency, Membership
from rai_toolkit.risk.benchmarks import generate


def measure(client: Client, url: str, repeat: int) -> tuple[float, int]:
    """Median milliseconds over `repeat` requests after a warm-up, and the query count."""
    for _ in range(3):
        assert client.get(url, HTTP_HOST="127.0.0.1").status_code == 200, url
    queries: list[str] = []

    def counted(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counted):
        client.get(url, HTTP_HOST="127.0.0.1")
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url, HTTP_HOST="127.0.0.1")
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), len(queries)


class Command(BaseCommand):
    help = (
        "The register list and the agency risk register on one agency of 100 systems, first "
        "alone, then among a large generated register (for make bench)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agencies", type=int, default=1000)
        parser.add_argument("--systems", type=int, default=100)
        parser.add_argument("--versions", type=int, default=5)
        parser.add_argument("--repeat", type=int, default=30)

    def handle(
        self, *args: Any, agencies: int, systems: int, versions: int, repeat: int, **options: Any
    ) -> None:
        started = time.perf_counter()
        generate(agencies=range(1), systems=systems, versions=versions)
        agency = Agency.objects.get(slug="bench-0000")
        user = User.objects.create_user("bench@bench.example", "x" * 20, full_name="Bench")
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        TOTP.activate(user, generate_totp_secret())
        Membership.objects.create(user=user, agency=agency, role=Membership.Role.ADMIN)
        client = Client()
        client.force_login(user)
        pages = {
            "bare page (/healthz)": "/healthz",
            "register list": f"/a/{agency.slug}/systems/",
            "agency risk register": f"/a/{agency.slug}/risks/",
        }
        small = {name: measure(client, url, repeat) for name, url in pages.items()}
        written = generate(agencies=range(1, agencies), systems=systems, versions=versions)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        large = {name: measure(client, url, repeat) for name, url in pages.items()}
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"register at scale ({connection.vendor}): {agencies} agencies × {systems} systems × "
            f"{versions} risk assessments; {written:,} rows generated; {elapsed:.0f} s in all"
        )
        self.stdout.write("  page                     1 agency     all agencies   ratio  queries")
        for name in pages:
            (ms_small, q_small), (ms_large, q_large) = small[name], large[name]
            self.stdout.write(
                f"  {name:<22} {ms_small:8.1f} ms {ms_large:11.1f} ms {ms_large / ms_small:8.2f}"
                f"  {q_small} → {q_large}"
            )
        self.stdout.write("  goal: ratio <= 1.5 and the same query count")
