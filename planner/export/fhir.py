"""The weeks as FHIR R5 resources (``fhir.resources``, whose default models are FHIR R5, 5.0.0).

A Bundle of type ``collection``: one CarePlan for all the weeks, and one ServiceRequest per
exercise and dose in each week, which the CarePlan's activities reference. Each ServiceRequest is
SNOMED CT 229065009 "Exercise therapy" with the exercise's name; its dates are the sessions it is
in (``occurrenceTiming.event``), and its patient instruction gives the dose in words, the steps,
the cues and the safety notice. Every resource is built through fhir.resources' models, so a
bundle that is written has been validated. Identifiers are stable (UUIDs from who the plan is
for, the week, the exercise and the dose): a re-export names the same requests.

Pain scores belong to the diary: :func:`pain_observation` makes one (LOINC 72514-3, 0-10) for
it to pass to :func:`to_fhir` as ``observations``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from fhir.resources.annotation import Annotation
from fhir.resources.bundle import Bundle, BundleEntry
from fhir.resources.careplan import CarePlan, CarePlanActivity
from fhir.resources.codeableconcept import CodeableConcept
from fhir.resources.codeablereference import CodeableReference
from fhir.resources.coding import Coding
from fhir.resources.identifier import Identifier
from fhir.resources.observation import Observation
from fhir.resources.period import Period
from fhir.resources.reference import Reference
from fhir.resources.resource import Resource
from fhir.resources.servicerequest import ServiceRequest, ServiceRequestPatientInstruction
from fhir.resources.timing import Timing

from planner.contract import PlanItem
from planner.export.weeks import DatedWeek, activities, person_key
from planner.notice import SAFETY_NOTICE
from planner.render import dose_text, md

__all__ = ["FHIR_RELEASE", "SNOMED", "EXERCISE_THERAPY", "LOINC", "PAIN_SCORE", "to_fhir", "pain_observation"]

FHIR_RELEASE = "R5"
SNOMED = "http://snomed.info/sct"
EXERCISE_THERAPY = "229065009"
LOINC = "http://loinc.org"
PAIN_SCORE = "72514-3"
EXERCISE_ID_SYSTEM = "urn:backplan:exercise"  # the catalog id of the exercise
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:backplan:export")


def _urn(*parts: str) -> tuple[str, str]:
    """A stable id and its ``urn:uuid:`` full URL."""
    ident = str(uuid.uuid5(_NAMESPACE, "/".join(parts)))
    return ident, f"urn:uuid:{ident}"


def _dose(item: PlanItem) -> str:
    return dose_text(item) + ("" if item.side == "both" else " per side")


def _requests(week: DatedWeek, key: str, subject: Reference) -> list[tuple[str, ServiceRequest]]:
    """(full URL, request) per exercise and dose of the week, in order of first appearance; a
    one-sided exercise's left and right items are one request, its dose per side."""
    dates: dict[tuple[str, str], list[dt.date]] = {}
    first: dict[tuple[str, str], PlanItem] = {}
    for activity in activities([week]):
        for item in activity.items:
            slot = (item.exercise, _dose(item))
            first.setdefault(slot, item)
            if activity.date not in dates.setdefault(slot, []):
                dates[slot].append(activity.date)
    guides = week.plan.instructions
    out = []
    for slot, item in first.items():
        ident, url = _urn(key, week.start.isoformat(), *slot)
        guide = guides.get(item.exercise)
        lines = [f"**{md(item.name)}: {md(slot[1])}**"]
        if guide is not None:
            lines += [f"{n}. {md(step)}" for n, step in enumerate(guide.steps, 1)]
            lines += [f"- Watch: {md(cue)}" for cue in guide.cues]
        lines.append(md(SAFETY_NOTICE))
        request = ServiceRequest(
            id=ident,
            identifier=[Identifier(system=EXERCISE_ID_SYSTEM, value=item.exercise)],
            status="active",
            intent="plan",
            code=CodeableReference(concept=CodeableConcept(
                coding=[Coding(system=SNOMED, code=EXERCISE_THERAPY, display="Exercise therapy")],
                text=f"Exercise therapy: {item.name}")),
            subject=subject,
            occurrenceTiming=Timing(event=[d.isoformat() for d in dates[slot]]),
            patientInstruction=[ServiceRequestPatientInstruction(instructionMarkdown="\n\n".join(lines))],
            note=[Annotation(text=f"Dose: {slot[1]}")],
        )
        out.append((url, request))
    return out


def pain_observation(score: int, when: dt.datetime, subject: str = "default", note: str | None = None) -> Observation:
    """One pain score (0-10 numeric rating, LOINC 72514-3) as the person reported it ``when``,
    for the diary to add to a bundle; ``subject`` is the person's name as in their profile."""
    if not 0 <= score <= 10:
        raise ValueError(f"a pain score is 0 to 10, not {score}")
    return Observation(
        status="final",
        code=CodeableConcept(coding=[Coding(system=LOINC, code=PAIN_SCORE,
                                            display="Pain severity - 0-10 verbal numeric rating [Score] - Reported")]),
        subject=Reference(display=subject),
        effectiveDateTime=when,
        valueInteger=score,
        note=[Annotation(text=note)] if note else None,
    )


def to_fhir(weeks: Sequence[DatedWeek], observations: Sequence[Resource] = ()) -> Bundle:
    """A Bundle with the weeks' CarePlan, its ServiceRequests and any ``observations`` (the diary's)."""
    key = person_key(weeks)
    plan = weeks[0].plan
    name = plan.profile.name if plan.profile is not None else "default"
    subject = Reference(display=name)
    requests = [pair for week in weeks for pair in _requests(week, key, subject)]
    care_id, care_url = _urn(key, "careplan", weeks[0].start.isoformat())
    care_plan = CarePlan(
        id=care_id,
        status="active",
        intent="plan",
        title=f"Back exercises: {name}",
        description=SAFETY_NOTICE,
        subject=subject,
        period=Period(start=weeks[0].start.isoformat(), end=weeks[-1].end.isoformat()),
        activity=[CarePlanActivity(plannedActivityReference=Reference(reference=url, display=request.code.concept.text))
                  for url, request in requests],
        note=[Annotation(text=line) for line in dict.fromkeys(a for week in weeks for a in week.plan.advice)] or None,
    )
    entries = [BundleEntry(fullUrl=care_url, resource=care_plan)]
    entries += [BundleEntry(fullUrl=url, resource=request) for url, request in requests]
    for observation in observations:  # named by their content: the same score, the same id
        _, url = _urn(key, "observation", observation.model_dump_json())
        entries.append(BundleEntry(fullUrl=url, resource=observation))
    bundle_id, _ = _urn(key, "bundle", weeks[0].start.isoformat(), str(len(weeks)))
    return Bundle(id=bundle_id, type="collection", entry=entries)
