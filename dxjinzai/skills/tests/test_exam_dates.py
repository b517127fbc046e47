"""Exam dates are corrected and deleted by the body's HR, audited, with the same rules as
on entry."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dxjinzai.core.models import AuditAction, AuditEntry
from dxjinzai.skills import services
from dxjinzai.skills.models import ExamDate, Qualification


@pytest.fixture
def exam(cast):
    return services.exam_date_create(
        actor=None,
        body=cast.bodies["A"],
        qualification=Qualification.objects.get(body__isnull=True, name="ITパスポート試験"),
        exam_on=date(2027, 2, 14),
        note="受験料補助あり",
    )


def test_hr_corrects_an_exam_date_on_its_page(cast, exam, client_as):
    url = reverse("exam_date_edit", args=[cast.bodies["A"].code, exam.pk])
    response = client_as("A.hr").post(
        url,
        {
            "qualification": exam.qualification_id,
            "exam_on": "2027-02-21",
            "application_until": "2027-01-31",
            "note": "受験料補助あり",
        },
    )
    assert response.status_code == 302
    exam.refresh_from_db()
    assert (exam.exam_on, exam.application_until) == (date(2027, 2, 21), date(2027, 1, 31))
    entry = AuditEntry.unscoped.filter(action=AuditAction.UPDATE).latest("pk")
    assert entry.changes["exam_on"] == ["2027-02-14", "2027-02-21"]


def test_the_deadline_stays_before_the_exam(exam):
    with pytest.raises(ValidationError, match="申込締切日は試験日までに"):
        services.exam_date_update(
            actor=None,
            exam=exam,
            qualification=exam.qualification,
            exam_on=date(2027, 2, 14),
            application_until=date(2027, 3, 1),
        )


def test_a_cancelled_exam_date_is_deleted(cast, exam, client_as):
    url = reverse("exam_date_delete", args=[cast.bodies["A"].code, exam.pk])
    assert client_as("A.hr").post(url).status_code == 302
    assert not ExamDate.unscoped.filter(pk=exam.pk).exists()
    assert AuditEntry.unscoped.filter(action=AuditAction.DELETE).exists()
