"""The staff record's edited fields are listed once (models.STAFF_FIELDS); the API's
schemas and the import carry each of them, so adding a field without carrying it to the
API or the import fails here instead of silently dropping it."""

from dxjinzai.organizations.api import StaffIn, StaffOut, StaffPatch
from dxjinzai.organizations.models import STAFF_FIELDS
from dxjinzai.organizations.staff_import import WRITTEN_FIELDS

# Relations travel by their code or name in the API, and as ids in the import's plan.
API_NAME = {"department": "department_code", "grade": "grade"}
IMPORT_NAME = {"department": "department_id", "grade": "grade_id"}


def _api(name: str) -> str:
    return API_NAME.get(name, name)


def test_the_api_reads_and_writes_every_staff_field():
    for schema in (StaffOut, StaffIn):
        assert {_api(name) for name in STAFF_FIELDS} <= set(schema.model_fields), schema
    # The number names the record in the URL; it is not patched.
    assert {_api(name) for name in STAFF_FIELDS if name != "number"} <= set(StaffPatch.model_fields)


def test_the_import_writes_every_staff_field_but_the_key_and_the_status():
    # The number is the row's key; the status is no column (a person listed is active).
    expected = {IMPORT_NAME.get(name, name) for name in STAFF_FIELDS} - {"number", "status"}
    assert expected == set(WRITTEN_FIELDS)
