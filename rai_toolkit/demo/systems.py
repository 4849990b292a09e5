"""Demo AI systems of the demo police agency, at every point of their life: a face search with a
decided risk assessment, a call-triage assistant whose annual reassessment is overdue and under
review, a transcription service being assessed, a live facial recognition pilot that was only
screened, and a retired hot-spot forecaster. Ratings follow one story per system so the heat maps
and the agency's risk register read plausibly."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from rai_toolkit.accounts.models import User
from rai_toolkit.agencies.models import Agency
from rai_toolkit.knowledge.reader import current_reader
from rai_toolkit.register import services as register
from rai_toolkit.register.models import AISystem
from rai_toolkit.risk import services as risk
from rai_toolkit.risk.models import Fria, RiskAssessment
from rai_toolkit.screening import services as screening
from rai_toolkit.screening.answers import posted
from rai_toolkit.screening.rules import load_rules
from rai_toolkit.transparency import services as transparency

COMMON = {"is_ai_system": "true", "exclusive_purpose": "none", "untargeted_scraping": "false"}

SYSTEMS: list[dict[str, Any]] = [
    {
        "record": {
            "name": "FaceSearch: retrospective facial recognition",
            "purpose": "Compare still images of unknown suspects from crime scenes with the "
            "custody image database to produce a short list of candidates for trained examiners.",
            "use_case": "use-case/facial-recognition-retrospective",
            "family": "image-and-video",
            "role": "tool",
            "stage": "deploy",
            "sourcing": "vendor",
            "vendor": "Example Vision Ltd",
            "product": "FaceSearch",
            "model_name": "fs-net",
            "model_version": "4.2",
            "data_categories": ["personal", "biometric", "criminal_records"],
            "timing": "after_the_fact",
            "public_space": False,
            "output_effect": "recommends",
            "affected_groups": "People whose custody images are held; suspects and witnesses "
            "captured on crime-scene images.",
            "jurisdictions": ["eu"],
        },
        "answers": {
            **COMMON,
            "substantially_modified": "false",
            "biometric_function": ["identification"],
            "verification_only": "false",
            "emergency_dispatch": "false",
            "profiling": "false",
            "art6_3_condition": "none",
            "public_interaction": "none",
            "monitors_staff": "false",
            "decision_effect": "significant",
            "solely_automated": "false",
        },
        "story": "decided",
    },
    {
        "record": {
            "name": "Control-room call triage assistant",
            "purpose": "Suggest a priority grade for incoming emergency calls from the call "
            "handler's notes, so that the most urgent incidents are dispatched first.",
            "use_case": "use-case/emergency-call-triage",
            "family": "process-optimisation",
            "role": "tool",
            "stage": "monitor",
            "sourcing": "in_house",
            "model_name": "triage-gbm",
            "model_version": "2025.2",
            "data_categories": ["personal", "location"],
            "timing": "real_time",
            "public_space": False,
            "output_effect": "recommends",
            "affected_groups": "People calling for help, including people in crisis and "
            "callers with limited command of the language.",
            "jurisdictions": ["eu"],
        },
        "answers": {
            **COMMON,
            "biometric_function": [],
            "emergency_dispatch": "true",
            "profiling": "false",
            "art6_3_condition": "none",
            "public_interaction": "none",
            "monitors_staff": "false",
            "decision_effect": "significant",
            "solely_automated": "false",
        },
        "story": "overdue-under-review",
    },
    {
        "record": {
            "name": "Interview transcription service",
            "purpose": "Transcribe recorded witness and suspect interviews so investigators can "
            "search them; every transcript used in a case is checked against the recording.",
            "use_case": "use-case/speech-transcription-and-translation",
            "family": "text-and-speech",
            "role": "tool",
            "stage": "design",
            "sourcing": "vendor",
            "vendor": "Example Speech Co.",
            "product": "Transcribe Pro",
            "data_categories": ["personal", "special_category"],
            "timing": "after_the_fact",
            "public_space": False,
            "output_effect": "informs",
            "affected_groups": "Witnesses, victims and suspects who are interviewed; speakers of "
            "minority languages and dialects.",
            "jurisdictions": ["eu"],
        },
        "answers": {
            **COMMON,
            "substantially_modified": "false",
            "biometric_function": [],
            "emergency_dispatch": "false",
            "profiling": "false",
            "public_interaction": "none",
            "monitors_staff": "false",
            "decision_effect": "informs",
        },
        "story": "draft",
    },
    {
        "record": {
            "name": "Live facial recognition pilot, central station",
            "purpose": "Proposed: scan passers-by at the central station against a watch list of "
            "missing children during a six-week pilot.",
            "use_case": "use-case/live-facial-recognition",
            "family": "image-and-video",
            "role": "tool",
            "stage": "decide",
            "sourcing": "vendor",
            "vendor": "Example Vision Ltd",
            "product": "FaceSearch Live",
            "data_categories": ["personal", "biometric", "children", "public_space_video"],
            "timing": "real_time",
            "public_space": True,
            "output_effect": "recommends",
            "affected_groups": "Everyone passing through the station; children on the watch list.",
            "jurisdictions": ["eu"],
        },
        "answers": {
            **COMMON,
            "substantially_modified": "false",
            "biometric_function": ["identification"],
            "verification_only": "false",
            "rbi_objectives": ["victims_missing"],
            "national_law_authorises_rbi": "true",
            "emergency_dispatch": "false",
            "profiling": "false",
            "art6_3_condition": "none",
            "public_interaction": "none",
            "monitors_staff": "false",
            "decision_effect": "significant",
            "solely_automated": "false",
        },
        "story": "screened",
    },
    {
        "record": {
            "name": "Burglary hot-spot forecasting",
            "purpose": "Forecast streets with a raised burglary risk for patrol planning. "
            "Withdrawn in 2025 after an evaluation found no effect on burglary rates.",
            "use_case": "use-case/predictive-policing-hotspots",
            "family": "risk-and-prediction",
            "role": "tool",
            "stage": "retired",
            "status": "archived",
            "sourcing": "vendor",
            "vendor": "Example Analytics",
            "data_categories": ["location", "criminal_records"],
            "timing": "after_the_fact",
            "public_space": False,
            "output_effect": "informs",
            "affected_groups": "Residents of the forecast areas.",
            "jurisdictions": ["eu"],
        },
        "answers": None,
        "story": "retired",
    },
]

# Ratings by principle code (likelihood, scale, scope, reversibility, residual likelihood,
# residual severity) and the reasons the demo assessor gave.
RATINGS: dict[str, tuple[tuple[int, int, int, int, int, int], str, str]] = {
    "ACCU": (
        (3, 4, 2, 3, 2, 3),
        "The supplier's test figures come from studio images; our crime-scene stills are often "
        "blurred and taken from above, and the pilot produced several wrong candidates.",
        "A second examiner confirms every candidate and no action rests on the list alone, so a "
        "wrong candidate rarely reaches an investigator's decision.",
    ),
    "EQUA": (
        (3, 4, 3, 3, 2, 3),
        "Independent tests of comparable algorithms show higher false-match rates for some groups, "
        "and the custody database over-represents people from some neighbourhoods.",
        "Error rates are tested by group on local images before each model change and reviewed "
        "every quarter with the equality lead.",
    ),
    "OVER": (
        (3, 3, 2, 3, 2, 2),
        "Examiners see a ranked list with similarity scores, which invites deference to the top "
        "candidate.",
        "Blind second examination and seeded test searches keep examiners checking the images "
        "themselves.",
    ),
    "PRIV": (
        (2, 3, 3, 2, 1, 2),
        "Every search compares a probe against thousands of custody images of people who are not "
        "suspects in the case.",
        "Searches need a case number and an offence threshold; non-matched probes are deleted.",
    ),
    "PROP": (
        (2, 3, 3, 2, 1, 2),
        "Without a threshold the tool could be used for minor offences where the intrusion is not "
        "justified.",
        "A written policy limits searches to offences carrying three years or more.",
    ),
    "TRAN": (
        (3, 3, 2, 2, 2, 2),
        "Defence lawyers have not been told when a lead came from the face search.",
        "Every use is recorded in the case file and disclosed with the evidence.",
    ),
}
DEFAULT = (
    (2, 2, 2, 2, 1, 2),
    "Discussed in the assessment workshop with the examiners and the data protection officer: "
    "possible, but nothing in the pilot suggests it is frequent.",
    "The controls in the operating procedure keep it occasional.",
)


def _values(item: str, code_ratings: dict[str, Any]) -> dict[str, str]:
    numbers, why, why_residual = code_ratings.get(item.split("-")[1] if item else "", DEFAULT)
    names = ("likelihood", "scale", "scope", "reversibility")
    values = {n: str(v) for n, v in zip(names, numbers[:4], strict=True)}
    return {
        **values,
        "residual_likelihood": str(numbers[4]),
        "residual_severity": str(numbers[5]),
        "justification": why,
        "controls": "Trained examiners; every search logged with a case number.",
        "residual_justification": why_residual,
    }


def _rate(assessment: RiskAssessment, by: User, limit: int | None = None) -> None:
    catalogue = assessment.catalogue.catalogue
    due = timezone.localdate() + datetime.timedelta(days=120)
    reader = current_reader()
    titles = reader.titles() if reader else {}
    for index, found in enumerate(assessment.risks.all()):
        if limit is not None and index >= limit:
            break
        saved = risk.rate(
            risk=found, data=_values(found.item, RATINGS), revision=found.revision, by=by
        )
        item = catalogue.item(found.item)
        if catalogue.above_acceptable(saved.inherent_level) and not saved.mitigations.exists():
            practice = item.practices[0] if item and item.practices else ""
            risk.add_mitigation(
                risk=saved,
                description=titles.get(practice, "Agree a specific control with the owner."),
                practice=practice,
                owner=by,
                due=due,
                by=by,
            )


FRIA = {
    "period": "Used on working days by the facial examination unit, about 40 searches a week, "
    "for an initial period of two years.",
    "oversight": "Two trained examiners confirm each candidate independently; the unit head can "
    "suspend use; every search is logged with the case number and the examiners' names.",
}


def _fill_fria(assessment: RiskAssessment, by: User) -> None:
    fria = risk.fria_of(assessment)
    data = {name: getattr(fria, name) for name in Fria.FIELDS}
    data.update({k: v for k, v in FRIA.items() if not data.get(k)})
    data["measures"] = (data.get("measures") or "") + (
        "\nComplaints go through the professional standards department; a wrong identification "
        "triggers the correction procedure and a report to the data protection officer."
    )
    risk.save_fria(assessment=assessment, data=data, revision=fria.revision, by=by)


def _sign_off(assessment: RiskAssessment, people: dict[str, User], decision: str) -> None:
    risk.submit(assessment=assessment, by=people["assessor"])
    risk.review(
        assessment=assessment, note="Ratings and mitigations checked.", by=people["reviewer"]
    )
    risk.decide(
        assessment=assessment,
        decision=decision,
        conditions="Two examiners confirm every candidate; quarterly error-rate review by group; "
        "searches only for offences carrying three years or more."
        if decision == "conditions"
        else "",
        note="The benefit to serious investigations outweighs the residual risk under these "
        "conditions.",
        by=people["chief"],
    )


def seed_systems(agency: Agency) -> None:
    if AISystem.objects.filter(agency=agency).exists():
        return
    people = {
        role: User.objects.get(email=f"{role}@demo-police.example")
        for role in ("admin", "assessor", "reviewer", "chief")
    }
    rules = load_rules()
    for spec in SYSTEMS:
        system = register.register(
            agency=agency,
            data={**spec["record"], "owner": people["admin"]},
            by=people["assessor"],
        )
        if spec["answers"] is not None:
            outcome = screening.evaluate(system, rules, posted(spec["answers"]))
            screening.save(system=system, outcome=outcome, by=people["assessor"])
        _story(system, spec["story"], people)


def _story(system: AISystem, story: str, people: dict[str, User]) -> None:
    if story in ("screened", "retired"):
        return
    first = risk.start(system=system, by=people["assessor"])
    if story == "draft":
        _rate(first, people["assessor"], limit=6)
        return
    _rate(first, people["assessor"])
    _fill_fria(first, people["assessor"])
    _sign_off(first, people, "conditions")
    if story == "overdue-under-review":
        past = timezone.localdate() - datetime.timedelta(days=20)
        AISystem.objects.filter(pk=system.pk).update(reassess_by=past)
        second = risk.start(system=system, by=people["assessor"])
        risk.submit(assessment=second, by=people["assessor"])
    elif story == "decided":
        record = transparency.draft(system=system, by=people["assessor"])
        transparency.publish(record=record, by=people["admin"])
        register.update(
            system=AISystem.objects.get(pk=system.pk),
            data={"model_version": "4.3"},
            by=people["admin"],
        )
