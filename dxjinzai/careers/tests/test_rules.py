"""The rules of 極めたい分野挑戦制度 (愛知県: the ICT・DX分野 offered among the fields)."""

from datetime import date
from typing import Any

from dxjinzai.careers import rules


def test_years_of_service_are_completed_years():
    assert rules.years_of_service(date(2015, 4, 1), date(2025, 4, 1)) == 10
    assert rules.years_of_service(date(2015, 4, 1), date(2025, 3, 31)) == 9


def _problem(**changes: Any) -> str | None:
    values: dict[str, Any] = {
        "today": date(2026, 6, 1),
        "opens_on": date(2026, 5, 1),
        "closes_on": date(2026, 6, 1),
        "hire_date": date(2010, 4, 1),
        "min_years": 10,
        "field": "ICT・DX分野",
        "fields": ["ICT・DX分野", "福祉分野"],
    } | changes
    return rules.application_problem(**values)


def test_who_may_apply_and_when():
    assert _problem() is None  # the last day of the window included
    assert _problem(today=date(2026, 6, 2)) == "受付期間ではありません。"
    assert _problem(today=date(2026, 4, 30)) == "受付期間ではありません。"
    assert _problem(field="土木分野") == "公募している分野から選んでください。"
    # Ten years on the day the window opens: hired 2016-05-02 has not finished them.
    assert "10年以上" in str(_problem(hire_date=date(2016, 5, 2)))
    assert _problem(hire_date=date(2016, 5, 1)) is None
    assert _problem(hire_date=None, min_years=0) is None


def test_fields_typed_one_per_line_once_each():
    assert rules.fields_from_lines(" ICT・DX分野\n\n福祉分野\nICT・DX分野 ") == [
        "ICT・DX分野",
        "福祉分野",
    ]
    assert rules.DEFAULT_FIELDS == ("ICT・DX分野",)
