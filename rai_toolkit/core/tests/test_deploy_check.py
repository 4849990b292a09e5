"""With production settings, Django's deployment checklist has nothing to report."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def production_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "RAI_", "DEBUG"))}
    env.update(
        RAI_ENV="production",
        SECRET_KEY="k" * 10 + "Zq8!mX2@pL5#vN7$rT1%wY4^bH6&cJ9*dF3(gK0)",
        ALLOWED_HOSTS="rai.agency.example",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        RAI_DATA_DIR=str(tmp_path),
    )
    return env


def test_deploy_check_reports_nothing(tmp_path: Path) -> None:
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = production_env(tmp_path)
    del env["SECRET_KEY"]
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize("var", ["SESSION_COOKIE_SECURE", "SECURE_SSL_REDIRECT"])
def test_weakening_production_settings_is_reported(tmp_path: Path, var: str) -> None:
    env = production_env(tmp_path)
    env[var] = "false"
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
