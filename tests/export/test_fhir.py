"""FHIR R5: the Bundle validates and round-trips through fhir.resources; the CarePlan's activities
reference one ServiceRequest per exercise and dose, coded as exercise therapy, on the right dates."""

from __future__ import annotations

import datetime as dt

import pytest
from fhir.resources.bundle import Bundle

from planner.export.fhir import pain_observation, to_fhir
from planner.notice import SAFETY_NOTICE
from planner.render import dose_text


@pytest.fixture(scope="module")
def bundle(one_week) -> Bundle:
    return to_fhir(one_week)


def test_the_bundle_validates_and_round_trips(bundle):
    text = bundle.model_dump_json()
    again = Bundle.model_validate_json(text)
    assert again == bundle and again.model_dump_json() == text
    assert [e.resource.get_resource_type() for e in again.entry][:2] == ["CarePlan", "ServiceRequest"]


def test_careplan_activities_reference_every_service_request(bundle):
    care_plan = bundle.entry[0].resource
    requests = {e.fullUrl: e.resource for e in bundle.entry[1:]}
    assert [a.plannedActivityReference.reference for a in care_plan.activity] == list(requests)
    assert (care_plan.status, care_plan.intent, care_plan.description) == ("active", "plan", SAFETY_NOTICE)
    assert (str(care_plan.period.start), str(care_plan.period.end)) == ("2026-03-02", "2026-03-08")


def test_one_request_per_exercise_and_dose_with_its_dates(bundle, week_plan):
    expected: dict[tuple[str, str], list[str]] = {}
    for n, day in enumerate(week_plan.days):
        for item in [*day.items, *day.walks]:
            dose = dose_text(item) + ("" if item.side == "both" else " per side")
            dates = expected.setdefault((item.exercise, dose), [])
            if (date := f"2026-03-{2 + n:02d}") not in dates:
                dates.append(date)
    found = {}
    for entry in bundle.entry[1:]:
        request = entry.resource
        coding = request.code.concept.coding[0]
        assert (coding.system, coding.code, coding.display) == ("http://snomed.info/sct", "229065009", "Exercise therapy")
        dose = request.note[0].text.removeprefix("Dose: ")
        found[(request.identifier[0].value, dose)] = [str(d) for d in request.occurrenceTiming.event]
    assert found == expected


def test_the_instruction_has_the_dose_steps_cues_and_notice(bundle, week_plan):
    request = bundle.entry[1].resource
    guide = week_plan.instructions[request.identifier[0].value]
    text = request.patientInstruction[0].instructionMarkdown
    assert text.startswith(f"**{guide.name}: {request.note[0].text.removeprefix('Dose: ')}**\n\n1. ")
    assert text.endswith(SAFETY_NOTICE)
    assert all(cue in text for cue in guide.cues)


def test_ids_are_stable_and_a_programme_adds_requests(one_week, two_weeks, bundle):
    assert to_fhir(one_week).model_dump_json() == bundle.model_dump_json()
    programme = to_fhir(two_weeks)
    assert len(programme.entry) == 2 * len(bundle.entry) - 1
    assert len({e.fullUrl for e in programme.entry}) == len(programme.entry)


def test_pain_observations_from_the_diary_join_the_bundle(one_week):
    when = dt.datetime(2026, 3, 2, 19, 30, tzinfo=dt.timezone.utc)
    observation = pain_observation(4, when, note="after the bridge")
    bundle = Bundle.model_validate_json(to_fhir(one_week, [observation]).model_dump_json())
    last = bundle.entry[-1].resource
    assert last.get_resource_type() == "Observation"
    assert (last.code.coding[0].system, last.code.coding[0].code, last.valueInteger) == ("http://loinc.org", "72514-3", 4)
    with pytest.raises(ValueError, match="^a pain score is 0 to 10, not 11$"):
        pain_observation(11, when)
