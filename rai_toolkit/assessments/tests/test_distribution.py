"""Platform admins see readiness across agencies only for groups of five or more that opted in."""

from django.utils import timezone

from conftest import Personas
from rai_toolkit.agencies.models import Agency
from rai_toolkit.assessments.distribution import distribution
from rai_toolkit.assessments.models import Assessment
from rai_toolkit.assessments.testing import client_for
from rai_toolkit.questionnaires.services import store_version
from rai_toolkit.questionnaires.tests.helpers import mini_data


def readiness_result(country: str, level: str, shares: bool = True) -> None:
    data = mini_data()
    data["id"] = "readiness"
    version = store_version(data=data, agency=None, by=None)[0]
    agency = Agency.objects.create(
        name=f"Agency {Agency.objects.count()}",
        slug=f"ag-{Agency.objects.count()}",
        country=country,
        kind=Agency.Kind.NATIONAL_POLICE,
        shares_results=shares,
    )
    Assessment.objects.create(
        agency=agency,
        version=version,
        title="R",
        status=Assessment.Status.FINALISED,
        finalised_at=timezone.now(),
        snapshot={"result": {"level": level, "dimensions": [{"name": "data", "level": level}]}},
    )


def test_only_groups_of_five_are_shown_and_small_ones_pooled(db: None) -> None:
    for country in ("FR", "DE", "ES", "IT", "PL"):
        readiness_result(country, "developing")
    for country in ("BR", "MX"):  # two in the Americas: too few alone
        readiness_result(country, "initial")
    readiness_result("JP", "managed", shares=False)  # did not opt in: never counted
    groups, left_out = distribution()
    assert [(g.region, g.agencies) for g in groups] == [("Europe", 5)]
    assert groups[0].overall == {"developing": 5}
    assert left_out == 2  # and no all-regions total, which would reveal the two by subtraction


def test_pooled_small_regions_show_once_they_reach_five(db: None) -> None:
    for country in ("FR", "DE", "ES", "IT", "PL", "BR", "MX", "NG", "KE", "JP"):
        readiness_result(country, "developing")
    groups, left_out = distribution()
    assert [(g.region, g.agencies) for g in groups] == [
        ("All regions", 10),
        ("Europe", 5),
        ("Other regions", 5),
    ]
    assert left_out == 0


def test_the_page_is_for_platform_admins_only(personas: Personas) -> None:
    assert client_for(personas.platform_admin).get("/platform/readiness/").status_code == 200
    assert client_for(personas.a_admin).get("/platform/readiness/").status_code == 403
