"""Every environment variable the settings read is documented in `.env.example`."""

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def test_every_setting_from_the_environment_is_documented() -> None:
    source = (ROOT / "rai_toolkit" / "settings.py").read_text()
    read = set(re.findall(r'env_(?:str|bool|int|list|choice|secret)\(\s*"([A-Z0-9_]+)"', source))
    documented = set(re.findall(r"^#?\s*([A-Z0-9_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert len(read) > 30
    assert read <= documented, f"document in .env.example: {sorted(read - documented)}"
