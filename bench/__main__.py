"""`make bench`: throughput of the agency dashboard against a bare one-query page, and the
workers' memory, on granian (2 workers, --blocking-threads 1) with production settings; then
toolkit search over synthetic items on SQLite and PostgreSQL (`python -m bench search` runs only
that part); then the AI-system register at scale on PostgreSQL (`python -m bench register`; the
size follows BENCH_AGENCIES). `python -m bench web` runs only the web figures.

Not a test: it prints figures. Each figure is compared with a bare baseline measured on the same
server or database in the same run, so the ratio does not depend on the machine's speed.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DURATION = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
MEMORY_REQUESTS = 10_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAI_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="rai_toolkit.settings",
        RAI_ENV="production",
        RAI_DATA_DIR=str(data_dir),
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        RAI_TRUSTED_PROXIES="0",
        RAI_LOG_LEVEL="WARNING",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    env.setdefault("DATABASE_URL", f"sqlite:///{data_dir / 'bench.sqlite3'}")
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return result.stdout


SESSION_SCRIPT = """
from django.test import Client
from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Agency
from rai_toolkit.assessments.benchmarks import section_assessment
user = User.objects.get(email="admin@demo-police.example")
assessment = section_assessment(Agency.objects.get(slug="demo-police"), user)
client = Client()
client.force_login(user)
section = f"/a/demo-police/assessments/{assessment.pk}/s/all/"
client.get(section, HTTP_HOST="127.0.0.1")  # a browser keeps the CSRF cookie it is given
print(section)
print(client.cookies["sessionid"].value + "; csrftoken=" + client.cookies["csrftoken"].value)
"""


def prepare(env: dict[str, str]) -> tuple[str, str]:
    """The database with the demo data; returns a session cookie and a 60-question section."""
    manage(env, "migrate", "--no-input")
    manage(env, "createcachetable")
    manage(env, "load_toolkit", "--publish")
    manage(env, "load_questionnaires")
    manage(env, "load_risk_catalogue")
    # Demo data refuses production settings on purpose; it is loaded with development ones.
    manage({**env, "RAI_ENV": "development"}, "seed_demo")
    manage(env, "collectstatic", "--no-input")
    section, cookies = manage(env, "shell", "-c", SESSION_SCRIPT).strip().splitlines()[-2:]
    return cookies, section


def start_server(env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    server = subprocess.Popen(
        [
            str(Path(PYTHON).parent / "granian"),
            "--interface",
            "wsgi",
            "--workers",
            "2",
            "--blocking-threads",
            "1",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-ws",
            "rai_toolkit.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("granian did not start")


def wrk(url: str, seconds: int, cookie: str | None = None) -> tuple[float, int, str]:
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: sessionid={cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    total = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+(\S+)", out)
    errors = "" if "Non-2xx" not in out else re.search(r"Non-2xx.*", out).group(0)  # type: ignore[union-attr]
    return rps, total, (p99.group(1) if p99 else "?") + (f" ({errors})" if errors else "")


def worker_rss_mb(server: subprocess.Popen[bytes]) -> list[float]:
    children = subprocess.run(
        ["pgrep", "-P", str(server.pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        kib = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
        sizes.append(kib / 1024)
    return sizes


SEARCH_ITEMS = int(os.environ.get("BENCH_SEARCH_ITEMS", "100000"))
POSTGRES = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")


def search_bench(database_url: str, data_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAI_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="rai_toolkit.settings",
        RAI_ENV="development",
        DEBUG="false",
        RAI_DATA_DIR=str(data_dir),
        DATABASE_URL=database_url,
        RAI_LOG_LEVEL="WARNING",
        ALLOWED_HOSTS="127.0.0.1",
    )
    manage(env, "migrate", "--no-input")
    manage(env, "createcachetable")
    print(manage(env, "generate_synthetic_items", "--count", str(SEARCH_ITEMS)).strip(), flush=True)
    print(manage(env, "bench_search").strip(), flush=True)


def postgres_database() -> str | None:
    """A fresh database on the local PostgreSQL server, or None if there is none."""
    try:
        import psycopg

        name = f"rai_bench_{os.getpid()}"
        with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name
    except Exception as exc:
        print(f"PostgreSQL at {POSTGRES} not usable ({exc.__class__.__name__}); skipped.")
        return None


def drop_postgres_database(name: str) -> None:
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def toolkit_search_figures() -> None:
    print(
        f"\nToolkit search over {SEARCH_ITEMS} synthetic items (goal: p95 <= 50 ms, <= 2x bare):",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="rai-bench-search-") as tmp:
        search_bench(f"sqlite:///{Path(tmp) / 'search.sqlite3'}", Path(tmp))
        name = postgres_database()
        if name:
            try:
                search_bench(f"{POSTGRES}/{name}", Path(tmp))
            finally:
                drop_postgres_database(name)


REGISTER_AGENCIES = os.environ.get("BENCH_AGENCIES", "1000")


def register_figures() -> None:
    """The register at scale, on PostgreSQL only (the issue's figure)."""
    print(f"\nAI-system register with {REGISTER_AGENCIES} agencies (goal: <= 1.5x, same queries):")
    name = postgres_database()
    if not name:
        return
    try:
        with tempfile.TemporaryDirectory(prefix="rai-bench-register-") as tmp:
            env = {k: v for k, v in os.environ.items() if not k.startswith(("RAI_", "DJANGO_"))}
            env.update(
                DJANGO_SETTINGS_MODULE="rai_toolkit.settings",
                RAI_ENV="development",
                DEBUG="false",
                RAI_DATA_DIR=tmp,
                DATABASE_URL=f"{POSTGRES}/{name}",
                RAI_LOG_LEVEL="WARNING",
                ALLOWED_HOSTS="127.0.0.1",
            )
            manage(env, "migrate", "--no-input")
            manage(env, "createcachetable")
            manage(env, "load_toolkit", "--publish")
            manage(env, "load_risk_catalogue")
            print(
                manage(env, "bench_register", "--agencies", REGISTER_AGENCIES).strip(), flush=True
            )
    finally:
        drop_postgres_database(name)


def main() -> None:
    if sys.argv[1:] == ["search"]:
        toolkit_search_figures()
        return
    if sys.argv[1:] == ["register"]:
        register_figures()
        return
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")
    with tempfile.TemporaryDirectory(prefix="rai-bench-") as tmp:
        env = environment(Path(tmp))
        print("Preparing a production-settings database with the demo data…", flush=True)
        cookie, section = prepare(env)
        print(manage(env, "bench_engine").strip(), flush=True)
        print(manage(env, "bench_reports").strip(), flush=True)
        port = free_port()
        server = start_server(env, port)
        base = f"http://127.0.0.1:{port}"
        try:
            check = urllib.request.Request(
                f"{base}/a/demo-police/", headers={"Cookie": f"sessionid={cookie}"}
            )
            body = urllib.request.urlopen(check).read().decode()
            assert "Demo National Police" in body and "Recent activity" in body, "not signed in"
            wrk(f"{base}/healthz", 3)
            wrk(f"{base}/a/demo-police/", 3, cookie)
            bare_rps, _, bare_p99 = wrk(f"{base}/healthz", DURATION)
            signed_rps, _, signed_p99 = wrk(f"{base}/healthz", DURATION, cookie)
            dash_rps, _, dash_p99 = wrk(f"{base}/a/demo-police/", DURATION, cookie)
            wrk(f"{base}{section}", 3, cookie)
            section_rps, _, section_p99 = wrk(f"{base}{section}", DURATION, cookie)
            served = 0
            while served < MEMORY_REQUESTS:
                served += wrk(f"{base}/a/demo-police/", 5, cookie)[1]
            rss = worker_rss_mb(server)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=10)
        database = env["DATABASE_URL"].split(":", 1)[0]
        load = f"wrk -t1 -c{CONNECTIONS} -d{DURATION}s"
        print(f"\ngranian, 2 workers, --blocking-threads 1; {load}; {database}")
        print(f"  bare page (/healthz, one query)   {bare_rps:9.0f} req/s   p99 {bare_p99}")
        print(f"  same, with a signed-in session    {signed_rps:9.0f} req/s   p99 {signed_p99}")
        print(f"  agency dashboard (signed in)      {dash_rps:9.0f} req/s   p99 {dash_p99}")
        print(f"  dashboard / bare page             {dash_rps / bare_rps:9.2f}   (goal >= 0.6)")
        print(f"  dashboard / signed-in bare page   {dash_rps / signed_rps:9.2f}")
        print(f"  assessment section, 60 questions  {section_rps:9.0f} req/s   p99 {section_p99}")
        print(f"  section / bare page               {section_rps / bare_rps:9.2f}   (goal >= 0.5)")
        print(f"  section / signed-in bare page     {section_rps / signed_rps:9.2f}")
        print(
            f"  worker RSS after {served} dashboard requests: "
            + ", ".join(f"{mb:.0f} MB" for mb in rss)
            + "   (goal <= 150 MB)"
        )
    if sys.argv[1:] != ["web"]:
        toolkit_search_figures()
        register_figures()


if __name__ == "__main__":
    main()
