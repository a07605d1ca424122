"""Rule files together: the total cap holds however often --rules is repeated."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.errors import InputError
from planner.rules import MAX_RULES, default_rule_files, load_rules


def _advice_file(path: Path, prefix: str, count: int) -> Path:
    body = "".join(
        f"  - {{id: {prefix}-{i}, kind: advice, description: d, text: t, source: [me]}}\n" for i in range(count)
    )
    path.write_text("rules:\n" + body)
    return path


def test_repeating_rules_files_cannot_pass_the_total_cap(catalog, tmp_path: Path):
    shipped = len(load_rules(default_rule_files(), catalog))
    first = _advice_file(tmp_path / "a.yaml", "a", 1500)
    second = _advice_file(tmp_path / "b.yaml", "b", 1500)
    with pytest.raises(InputError) as info:
        load_rules([*default_rule_files(), first, second], catalog)
    over = MAX_RULES - shipped - 1500  # index in b.yaml of the first rule over the cap
    assert str(info.value) == f"{second}:{over + 2}:5: too many rules: more than {MAX_RULES} in all rule files together"
