"""The handout as a PDF: a real PDF (read back with pypdf), with the notice, every exercise and
every week on pages of its own."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from planner.export.pdf import to_pdf


@pytest.fixture(scope="module")
def pages(two_weeks) -> list[str]:
    data = to_pdf(two_weeks)
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_the_notice_heads_the_first_page(pages):
    assert pages[0].startswith("Back exercises: default Monday 2 March 2026 to Sunday 15 March 2026 Talk to your doctor")


def test_each_week_starts_a_page(pages):
    week_two = [n for n, text in enumerate(pages) if "Week 2: Monday 9 March 2026" in text]
    assert len(week_two) == 1 and week_two[0] > 0
    assert "Week 1:" not in pages[week_two[0]]


def test_every_exercise_and_its_steps_are_printed(pages, week_plan):
    text = "".join("".join(pages).split())  # spaces aside: older pypdf splits kerned words ("T ake")
    for guide in week_plan.instructions.values():
        assert "".join(guide.name.split()) in text
        for step in guide.steps:
            assert "".join(step.split()) in text, step


def test_pages_are_numbered_out_of_the_real_page_count(pages):
    for n, text in enumerate(pages, 1):
        assert text.endswith(f"backplan handout - page {n} of {len(pages)}")
    assert len(pages) > 2
