"""Every country django_countries offers falls in exactly one UN M49 region."""

import pytest
from django_countries.data import COUNTRIES

from rai_toolkit.core.regions import CODES_BY_REGION, REGION_OF, Region, region_of


def test_every_country_has_a_region() -> None:
    missing = sorted(set(COUNTRIES) - set(REGION_OF))
    assert missing == []
    for code in COUNTRIES:
        assert isinstance(region_of(code), Region)


def test_no_code_is_in_two_regions() -> None:
    assert sum(len(codes) for codes in CODES_BY_REGION.values()) == len(REGION_OF)


def test_every_code_is_two_capital_letters() -> None:
    for code in REGION_OF:
        assert len(code) == 2
        assert code.isalpha()
        assert code.isupper()


@pytest.mark.parametrize(
    ("code", "region"),
    [
        ("FR", Region.EUROPE),
        ("BR", Region.AMERICAS),
        ("NG", Region.AFRICA),
        ("JP", Region.ASIA),
        ("AU", Region.OCEANIA),
        ("CY", Region.ASIA),
        ("TR", Region.ASIA),
        ("RU", Region.EUROPE),
        ("GL", Region.AMERICAS),
        ("EG", Region.AFRICA),
        ("AM", Region.ASIA),
        ("AZ", Region.ASIA),
        ("GE", Region.ASIA),
        ("AQ", Region.OTHER),
    ],
)
def test_known_regions(code: str, region: Region) -> None:
    assert region_of(code) == region
    assert REGION_OF[code] == region


def test_unknown_code_is_other() -> None:
    assert region_of("ZZ") == Region.OTHER
    assert region_of("") == Region.OTHER


def test_lower_case_code() -> None:
    assert region_of("fr") == Region.EUROPE
