"""Correcting and deleting an improvement: whoever reports for the division (HR, admins,
its department head) corrects it; one recommended for the award is not deleted."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dxjinzai.core.models import AuditAction, AuditEntry
from dxjinzai.improvements import services
from dxjinzai.improvements.models import Improvement

TODAY = date(2026, 11, 26)


@pytest.fixture
def improvement(cast):
    return services.improvement_create(
        actor=None,
        body=cast.bodies["A"],
        department=cast.departments["A.digital"],
        fiscal_year=2026,
        title="電子申請で窓口の待ち時間を短縮",
        summary="よく使われる申請を電子化した。",
        today=TODAY,
    )


def test_the_department_head_corrects_their_divisions_entry(cast, improvement, client_as):
    url = reverse("improvement_edit", args=[cast.bodies["A"].code, improvement.pk])
    client = client_as("A.head")
    assert "電子申請で窓口の待ち時間を短縮" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "department": cast.departments["A.digital"].pk,
            "fiscal_year": 2026,
            "title": "電子申請で待ち時間を半分に",
            "summary": "よく使われる12の申請を電子化した。",
        },
    )
    assert response.status_code == 302
    improvement.refresh_from_db()
    assert improvement.title == "電子申請で待ち時間を半分に"
    entry = AuditEntry.unscoped.filter(action=AuditAction.UPDATE).latest("pk")
    assert entry.changes["title"] == [
        "電子申請で窓口の待ち時間を短縮",
        "電子申請で待ち時間を半分に",
    ]


def test_a_future_year_is_refused_on_correction_too(cast, improvement):
    with pytest.raises(ValidationError):
        services.improvement_update(
            actor=None,
            improvement=improvement,
            department=cast.departments["A.digital"],
            fiscal_year=2027,
            title="x",
            summary="y",
            today=TODAY,
        )


def test_a_recommended_entry_is_not_deleted_and_another_is(cast, improvement):
    services.improvement_recommend(actor=None, improvement=improvement, note="", today=TODAY)
    with pytest.raises(ValidationError, match="表彰に推薦済みの取組は削除できません"):
        services.improvement_delete(actor=None, improvement=improvement)
    other = services.improvement_create(
        actor=None,
        body=cast.bodies["A"],
        department=cast.departments["A.digital"],
        fiscal_year=2026,
        title="誤って登録",
        summary="-",
        today=TODAY,
    )
    services.improvement_delete(actor=cast.users["A.hr"], improvement=other)
    assert not Improvement.unscoped.filter(pk=other.pk).exists()
    assert AuditEntry.unscoped.filter(
        action=AuditAction.DELETE, target_label__contains="誤って登録"
    ).exists()


def test_a_head_may_not_correct_another_divisions_entry(cast, client_as):
    other = services.improvement_create(
        actor=None,
        body=cast.bodies["A"],
        department=cast.departments["A.general"],
        fiscal_year=2026,
        title="総務の取組",
        summary="-",
        today=TODAY,
    )
    url = reverse("improvement_edit", args=[cast.bodies["A"].code, other.pk])
    assert client_as("A.head").get(url).status_code == 403
    assert client_as("A.hr").get(url).status_code == 200
