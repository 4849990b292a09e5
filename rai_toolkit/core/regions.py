# Source: UN Statistics Division, M49 standard, https://unstats.un.org/unsd/methodology/m49/
"""Which of the five UN M49 regions each ISO 3166-1 alpha-2 country code belongs to."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.TextChoices):
    AFRICA = "africa", _("Africa")
    AMERICAS = "americas", _("Americas")
    ASIA = "asia", _("Asia")
    EUROPE = "europe", _("Europe")
    OCEANIA = "oceania", _("Oceania")
    OTHER = "other", _("Other")


# The codes of each region, grouped by M49 sub-region (or intermediate region).
CODES_BY_REGION: dict[Region, frozenset[str]] = {
    Region.AFRICA: frozenset(
        # Northern Africa
        {"DZ", "EG", "EH", "LY", "MA", "SD", "TN"}
        # Eastern Africa
        | {"BI", "DJ", "ER", "ET", "IO", "KE", "KM", "MG", "MU", "MW", "MZ"}
        | {"RE", "RW", "SC", "SO", "SS", "TF", "TZ", "UG", "YT", "ZM", "ZW"}
        # Middle Africa
        | {"AO", "CD", "CF", "CG", "CM", "GA", "GQ", "ST", "TD"}
        # Southern Africa
        | {"BW", "LS", "NA", "SZ", "ZA"}
        # Western Africa
        | {"BF", "BJ", "CI", "CV", "GH", "GM", "GN", "GW", "LR"}
        | {"ML", "MR", "NE", "NG", "SH", "SL", "SN", "TG"}
    ),
    Region.AMERICAS: frozenset(
        # Caribbean
        {"AG", "AI", "AW", "BB", "BL", "BQ", "BS", "CU", "CW", "DM", "DO", "GD", "GP", "HT"}
        | {"JM", "KN", "KY", "LC", "MF", "MQ", "MS", "PR", "SX", "TC", "TT", "VC", "VG", "VI"}
        # Central America
        | {"BZ", "CR", "GT", "HN", "MX", "NI", "PA", "SV"}
        # South America
        | {"AR", "BO", "BR", "BV", "CL", "CO", "EC", "FK", "GF", "GS", "GY", "PE", "PY", "SR"}
        | {"UY", "VE"}
        # Northern America
        | {"BM", "CA", "GL", "PM", "US"}
    ),
    Region.ASIA: frozenset(
        # Central Asia
        {"KG", "KZ", "TJ", "TM", "UZ"}
        # Eastern Asia (M49 has no entry for Taiwan; it goes with Eastern Asia here)
        | {"CN", "HK", "JP", "KP", "KR", "MN", "MO", "TW"}
        # South-eastern Asia
        | {"BN", "ID", "KH", "LA", "MM", "MY", "PH", "SG", "TH", "TL", "VN"}
        # Southern Asia
        | {"AF", "BD", "BT", "IN", "IR", "LK", "MV", "NP", "PK"}
        # Western Asia
        | {"AE", "AM", "AZ", "BH", "CY", "GE", "IL", "IQ", "JO"}
        | {"KW", "LB", "OM", "PS", "QA", "SA", "SY", "TR", "YE"}
    ),
    Region.EUROPE: frozenset(
        # Eastern Europe
        {"BG", "BY", "CZ", "HU", "MD", "PL", "RO", "RU", "SK", "UA"}
        # Northern Europe
        | {"AX", "DK", "EE", "FI", "FO", "GB", "GG", "IE"}
        | {"IM", "IS", "JE", "LT", "LV", "NO", "SE", "SJ"}
        # Southern Europe
        | {"AD", "AL", "BA", "ES", "GI", "GR", "HR", "IT"}
        | {"ME", "MK", "MT", "PT", "RS", "SI", "SM", "VA"}
        # Western Europe
        | {"AT", "BE", "CH", "DE", "FR", "LI", "LU", "MC", "NL"}
    ),
    Region.OCEANIA: frozenset(
        # Australia and New Zealand
        {"AU", "CC", "CX", "HM", "NF", "NZ"}
        # Melanesia
        | {"FJ", "NC", "PG", "SB", "VU"}
        # Micronesia
        | {"FM", "GU", "KI", "MH", "MP", "NR", "PW", "UM"}
        # Polynesia
        | {"AS", "CK", "NU", "PF", "PN", "TK", "TO", "TV", "WF", "WS"}
    ),
    # Antarctica belongs to no M49 region.
    Region.OTHER: frozenset({"AQ"}),
}

REGION_OF: dict[str, Region] = {
    code: region for region, codes in CODES_BY_REGION.items() for code in codes
}


def region_of(country_code: str) -> Region:
    """The M49 region of an alpha-2 code (in any case); Region.OTHER for a code not listed."""
    return REGION_OF.get(country_code.upper(), Region.OTHER)
