"""Pages, exports, PDFs and the API answer with Cache-Control: no-store: a shared PC's
browser or a proxy keeps none of the personal data they show."""

import pytest
from django.urls import reverse

from dxjinzai.core.services import api_token_create


@pytest.mark.parametrize(
    "path",
    ["staff_list", "staff_list?export=csv", "staff_list?export=xlsx", "audit_log", "home", "login"],
)
def test_pages_and_exports_are_not_stored(cast, client_as, path):
    name, _, query = path.partition("?")
    args = [] if name in ("home", "login") else [cast.bodies["A"].code]
    response = client_as("A.admin").get(reverse(name, args=args) + (f"?{query}" if query else ""))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_api_is_not_stored(cast, client):
    _, raw = api_token_create(
        actor=cast.users["A.admin"], body=cast.bodies["A"], name="t", scope="read"
    )
    response = client.get(
        f"/api/v1/bodies/{cast.bodies['A'].code}/staff", headers={"Authorization": f"Bearer {raw}"}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_the_health_check_answers_without_sign_in_or_database(
    db, client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get(reverse("health"))
    assert response.status_code == 200 and response.content == b"ok"
