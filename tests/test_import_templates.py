"""Every import page offers its template file (header and one example row) in Excel and
both CSV encodings, and the template's headers are what the import reads."""

import pytest
from django.urls import reverse

from dxjinzai.lib.tabular import read_table

PAGES = {
    "staff_import": ("", "職員番号"),
    "records_import": ("&kind=qualifications", "資格名"),
    "monthly_cost_import": ("", "年月"),
}


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("export_format", ["xlsx", "csv", "csv_cp932"])
def test_each_import_offers_its_template(name, export_format, cast, client_as):
    extra, header = PAGES[name]
    url = reverse(name, args=[cast.bodies["A"].code])
    page = client_as("A.hr").get(url).content.decode()
    assert f'href="?template={export_format}{extra.replace("&", "&amp;")}"' in page
    response = client_as("A.hr").get(f"{url}?template={export_format}{extra}")
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    filename = "t.xlsx" if export_format == "xlsx" else "t.csv"
    table = read_table(data, filename)
    assert header in table.headers
    assert [number for number, _ in table.rows] == [2]


def _csv(example: dict[str, str]) -> bytes:
    lines = [",".join(example), ",".join(example.values())]
    return ("\n".join(lines) + "\n").encode()


def test_the_templates_pass_their_imports_header_checks(cast):
    """The example rows are read as the imports read them: no missing column stops them."""
    from dxjinzai.core import clock
    from dxjinzai.organizations.staff_import import TEMPLATE_EXAMPLE
    from dxjinzai.organizations.staff_import_plan import planned_staff_import
    from dxjinzai.training.records_import import TEMPLATE_EXAMPLES, plan_records

    body = cast.bodies["A"]
    with planned_staff_import(
        body=body,
        table=read_table(_csv(TEMPLATE_EXAMPLE), "t.csv"),
        complete=False,
        today=clock.today(),
    ) as plan:
        assert plan.rows_total == 1
    for kind, example in TEMPLATE_EXAMPLES.items():
        records = plan_records(
            kind=kind, body=body, table=read_table(_csv(example), "t.csv"), today=clock.today()
        )
        assert records.rows_total == 1, kind


@pytest.mark.parametrize("export_format", ["xlsx", "csv", "csv_cp932"])
def test_the_attendance_import_offers_its_template(export_format, cast, client_as):
    from dxjinzai.training.attendance_import import REQUIRED
    from dxjinzai.training.testing import build_training_cast

    session = build_training_cast(cast).session
    url = reverse("session_detail", args=[session.pk])
    page = client_as("A.hr").get(url).content.decode()
    assert f'href="?template={export_format}"' in page
    response = client_as("A.hr").get(f"{url}?template={export_format}")
    data = b"".join(response.streaming_content) if response.streaming else response.content
    table = read_table(data, "t.xlsx" if export_format == "xlsx" else "t.csv")
    assert set(REQUIRED) <= set(table.headers)
    assert [number for number, _ in table.rows] == [2]
