"""A published public record in the UK ATRS and Dutch algorithm register layouts: made from the
record's public fields alone, readable by anyone, and only while the record is published."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import Personas
from rai_toolkit.register.models import AISystem, RegulatoryClass, Stage
from rai_toolkit.reports.models import FieldSensitivity
from rai_toolkit.risk import services as risk
from rai_toolkit.risk.testing import signed_off
from rai_toolkit.screening.testing import screened_system
from rai_toolkit.transparency import formats, services
from rai_toolkit.transparency.models import TransparencyRecord

pytestmark = pytest.mark.django_db
SECRET_MODEL = "fs-net-internal-build"
SECRET_CONDITION = "Secret operational condition"
PURPOSE = "Compare images of unknown suspects with the custody image database."
VENDOR = "Example Vision Ltd"
LAYOUTS = ("transparency:record_atrs", "transparency:record_nl")
# The values each Dutch enumeration allows (schema-v0_3_1.yaml of Algoritmeregister/standard).
NL_STATUSES = {"planned", "design", "development", "pilot", "evaluation", "operational", "retired"}
NL_RISK_CATEGORIES = {"minimal risk", "limited risk", "high risk", "unacceptable"}
# GOV.UK's phases of an ATRS record (alphagov/specialist-publisher).
ATRS_PHASES = {"pre-deployment", "beta-pilot", "production", "retired"}


@pytest.fixture
def system(personas: Personas) -> AISystem:
    """The register's face search tool, screened, with a decided risk assessment."""
    found = screened_system(
        personas.agency_a, personas.a_assessor, model_name=SECRET_MODEL, owner=personas.a_admin
    )
    assessment = risk.start(system=found.system, by=personas.a_assessor)
    signed_off(
        assessment,
        author=personas.a_assessor,
        reviewer=personas.a_reviewer,
        leader=personas.a_leader,
        conditions=SECRET_CONDITION,
    )
    return found.system


def published(system: AISystem, personas: Personas) -> TransparencyRecord:
    record = services.draft(system=system, by=personas.a_assessor)
    services.publish(record=record, by=personas.a_admin)
    return TransparencyRecord.objects.select_related("agency").get(pk=record.pk)


def url(name: str, record: TransparencyRecord, agency: str = "agency-a") -> str:
    return reverse(name, kwargs={"agency": agency, "pk": record.pk})


def atrs_fields(layout: dict[str, Any]) -> dict[str, Any]:
    """Every ATRS attribute, whatever section it is in (the attribute names are unique)."""
    return {k: v for section in layout["sections"] for k, v in section["fields"].items()}


def test_the_atrs_layout_carries_the_public_fields(
    system: AISystem, personas: Personas, client: Client
) -> None:
    record = published(system, personas)
    layout = json.loads(client.get(url("transparency:record_atrs", record)).content)
    assert layout["schema"] == "rai-toolkit/atrs/1" and layout["version"] == 1
    meta = layout["metadata"]
    assert meta["algorithmic_transparency_record_atrs_version"] == "v3.0"
    assert meta["algorithmic_transparency_record_phase"] == "production"  # stage: deploy
    assert meta["algorithmic_transparency_record_function"] == ["public-order-and-safety"]
    assert meta["algorithmic_transparency_record_organisation"] == "Agency A"
    today = timezone.localdate().isoformat()
    assert meta["algorithmic_transparency_record_date_published"] == today
    assert [(s["tier"], s["section"]) for s in layout["sections"]][:2] == [
        (1, "Overview"),
        (2, "Owner and Responsibility"),
    ]
    fields = atrs_fields(layout)
    assert fields["name"] == "Retrospective face search" and fields["description"] == PURPOSE
    assert fields["external_supplier"] == [VENDOR]
    assert fields["external_supplier_role"] == ["Product: FaceSearch"]
    assert fields["source_data_description"] == ["Personal data, Biometric data"]
    assert fields["impact_assessment_name"] == ["EU AI Act screening", "Risk assessment"]
    assert "High-risk" in fields["impact_assessment_description"][0]
    assert "Proceed with conditions" in fields["impact_assessment_description"][1]
    assert fields["impact_assessment_date"] == [None, today]
    assert fields["senior_responsible_owner"] == "" and fields["contact_email"] is None


def test_the_dutch_layout_follows_the_standard_v0_3_1(
    system: AISystem, personas: Personas, client: Client
) -> None:
    record = published(system, personas)
    layout = json.loads(client.get(url("transparency:record_nl", record)).content)
    assert layout["standard_version"] == "0.3.1"
    assert layout["name"] == "Retrospective face search" and layout["goal"] == PURPOSE
    assert layout["organization"] == "Agency A" and layout["country"] == "France"
    assert layout["status"] == "operational" and layout["domain"] == "public safety"
    assert layout["risk_category"] == "high risk" and layout["type"] == "prescriptive"
    assert layout["impact"] == "People in custody images; suspects in investigations."
    assert layout["source_data"] == "Personal data, Biometric data"
    assert "Proceed with conditions" in layout["risks"]
    assert layout["publication_date"] == layout["last_change_date"] is not None
    assert layout["contact_email"] is None and layout["lawful_basis"] == ""
    assert layout["lang"] == personas.agency_a.default_language
    second = published(system, personas)  # a later version of the same system's record
    assert formats.algoritmeregister(second)["uuid"] == layout["uuid"]
    assert second.number == 2 and formats.algoritmeregister(second)["publication_date"] is None


def test_a_field_the_agency_keeps_back_never_reaches_either_layout(
    system: AISystem, personas: Personas, client: Client
) -> None:
    FieldSensitivity.objects.create(
        agency=personas.agency_a, field="system.vendor", level="restricted"
    )
    FieldSensitivity.objects.create(
        agency=personas.agency_a, field="system.purpose", level="internal"
    )
    record = published(system, personas)
    for name in LAYOUTS:
        text = client.get(url(name, record)).content.decode()
        for kept_back in (VENDOR, PURPOSE, SECRET_MODEL, SECRET_CONDITION, "A Admin"):
            assert kept_back not in text, (name, kept_back)
    assert atrs_fields(formats.atrs(record))["external_supplier"] == []
    assert formats.algoritmeregister(record)["goal"] == ""


def test_only_a_published_record_of_that_agency_is_served(
    system: AISystem, personas: Personas, client: Client
) -> None:
    first = published(system, personas)
    draft = services.draft(system=system, by=personas.a_assessor)
    for name in LAYOUTS:
        assert client.get(url(name, first)).status_code == 200
        assert client.get(url(name, draft)).status_code == 404
        assert client.get(url(name, first, agency="agency-b")).status_code == 404
    services.publish(record=draft, by=personas.a_admin)  # the first version is now superseded
    services.unpublish(record=draft, by=personas.a_admin)
    for name in LAYOUTS:
        assert client.get(url(name, first)).status_code == 404
        assert client.get(url(name, draft)).status_code == 404


def test_anyone_can_follow_the_public_page_to_both_layouts(
    system: AISystem, personas: Personas, login: Callable[..., Client]
) -> None:
    record = published(system, personas)
    client = login(None)
    page = client.get(reverse("transparency:public", kwargs={"agency": "agency-a"}))
    for name in LAYOUTS:
        assert url(name, record) in page.content.decode()
        response = client.get(url(name, record))
        assert response.status_code == 200 and response["Content-Type"] == "application/json"


@pytest.mark.parametrize("stage", Stage.values)
@pytest.mark.parametrize("eu_class", RegulatoryClass.values)
def test_every_stage_and_ai_act_class_maps_to_a_value_the_standards_allow(
    stage: str, eu_class: str, personas: Personas
) -> None:
    # Never saved and tied to no system: the layouts read the record's data and nothing else.
    record = TransparencyRecord(
        agency=personas.agency_a,
        number=2,
        published_at=timezone.now(),
        data={
            "system.purpose": "Long purpose. " * 20,
            "system.stage": stage,
            "screening.outcome": {"eu_class": eu_class, "articles": []},
        },
    )
    uk, nl = formats.atrs(record), formats.algoritmeregister(record)
    assert uk["metadata"]["algorithmic_transparency_record_phase"] in ATRS_PHASES
    assert nl["status"] in NL_STATUSES
    assert nl["risk_category"] in NL_RISK_CATEGORIES | {None}
    assert (nl["risk_category"] is None) == (eu_class == RegulatoryClass.OUT_OF_SCOPE)
    assert nl["publication_date"] is None  # only the first version knows its first publication
    assert atrs_fields(uk)["name"] == "" and nl["name"] == ""  # kept back: left empty
    assert len(nl["description_short"]) <= 150 and nl["description_short"].endswith("…")
