"""The home page starts with what waits for the viewer, each with its count and the page
where the work starts: dispatch requests received (the scheme's managers), support requests
not yet taken (the centre), applications to approve (HR). Nothing waiting, nothing shown."""

from datetime import timedelta

from django.urls import reverse

from dxjinzai.core import clock
from dxjinzai.dispatch import services as dispatch
from dxjinzai.dispatch.testing import build_dispatch_cast
from dxjinzai.training import services as training
from dxjinzai.training.testing import build_training_cast


def test_the_operator_sees_the_requests_received_first(cast, client_as):
    made = build_dispatch_cast(cast)
    today = clock.today()
    for theme in ("生成AI研修", "RPA導入相談"):
        dispatch.request_create(
            actor=None,
            scheme=made["scheme"],
            requester=cast.bodies["A"],
            today=today,
            contact_name="甲市 担当",
            contact_email="kou@example.lg.jp",
            theme=theme,
            fields=["データ活用"],
            desired_date=today + timedelta(days=40),
        )
    html = client_as("P.operator").get(reverse("home")).content.decode()
    url = reverse("dispatch_requests", args=[made["scheme"].pk]) + "?status=received"
    assert "対応を待っているもの" in html
    assert f'<a href="{url}">2件</a>' in html
    assert html.index("対応を待っているもの") < html.index("連携協議会の参加団体")
    # A requesting town's HR manages no scheme: nothing of it waits for them.
    assert "受付した派遣依頼" not in client_as("A.hr").get(reverse("home")).content.decode()


def test_hr_sees_the_applications_to_approve(cast, client_as):
    made = build_training_cast(cast)
    training.application_create(
        actor=None, session=made.joint_session, staff=cast.staff["A.unit"], today=clock.today()
    )
    html = client_as("A.hr").get(reverse("home")).content.decode()
    url = reverse("session_detail", args=[made.joint_session.pk])
    assert "承認待ちの受講申込" in html
    assert f'<a href="{url}">1件</a>' in html
    assert "対応を待っているもの" not in client_as("A.staff").get(reverse("home")).content.decode()
