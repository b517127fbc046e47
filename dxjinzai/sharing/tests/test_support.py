"""Support requests (愛媛県's support centre): filed by a member, assigned by the centre to a
pooled specialist, a thread of messages and files among the three, closed; who sees what."""

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dxjinzai.sharing import services
from dxjinzai.sharing.models import SupportMessage, SupportRequest, SupportStatus

TODAY = date(2026, 11, 26)


@pytest.fixture
def specialist(cast):
    """P's pooled specialist; the person has the account P.staff."""
    cast.users["P.staff"].email = "specialist@example.lg.jp"
    cast.users["P.staff"].save()
    return services.pool_member_create(
        actor=None,
        staff=cast.staff["P.member"],
        display_name="支援 次郎",
        fields=["データ利活用"],
        profile="",
        joined_on=date(2026, 4, 1),
    )


def _file(cast, body="A", **changes):
    values: dict[str, Any] = {
        "theme": "窓口のオンライン化",
        "field": "データ利活用",
        "urgency": "normal",
        "desired_from": date(2026, 12, 1),
        "desired_until": date(2027, 3, 31),
        "detail": "申請の電子化を進めたい。",
    } | changes
    return services.support_request_file(
        actor=cast.users["A.hr"], body=cast.bodies[body], today=TODAY, **values
    )


def test_a_request_goes_to_the_consortium_operator(cast):
    request = _file(cast)
    assert request.centre == cast.bodies["P"] and request.status == SupportStatus.FILED


def test_bad_requests_are_refused_and_nothing_is_saved(cast):
    from dxjinzai.lib.bodycode import normalize_body_code
    from dxjinzai.organizations import services as organizations

    cast.bodies["alone"] = organizations.body_create(
        actor=None,
        code=normalize_body_code("37201"),
        name="丁市",
        kana="テイシ",
        kind="municipality",
    )
    with pytest.raises(ValidationError, match="連携協議会に参加していない"):
        _file(cast, body="alone")
    with pytest.raises(ValidationError, match="終わりは、始まり以降"):
        _file(cast, desired_until=date(2026, 11, 30))
    with pytest.raises(ValidationError, match="期間が過ぎています"):
        _file(cast, desired_from=date(2026, 10, 1), desired_until=date(2026, 10, 31))
    with pytest.raises(ValidationError, match="分野は一覧から"):
        _file(cast, field="占い")
    with pytest.raises(ValidationError, match="相談の内容は4,000文字以内"):
        _file(cast, detail="長" * 2_000_000)
    assert not SupportRequest.unscoped.exists()


def test_a_message_is_limited_in_length(cast):
    request = _file(cast)
    with pytest.raises(ValidationError, match="本文は4,000文字以内"):
        services.support_reply(
            actor=cast.users["A.hr"], request=request, author_label="甲市", text="長" * 4_001
        )
    assert not SupportMessage.objects.filter(request=request).exists()


def test_assignment_reply_and_close_mail_the_others(
    cast, specialist, mailoutbox, django_capture_on_commit_callbacks
):
    cast.users["A.hr"].email = "a-hr@example.lg.jp"
    cast.users["A.hr"].save()
    request = _file(cast)
    with django_capture_on_commit_callbacks(execute=True):
        services.support_assign(actor=cast.users["P.operator"], request=request, member=specialist)
    assert request.status == SupportStatus.ASSIGNED
    assert set(mailoutbox[-1].to) == {"a-hr@example.lg.jp", "specialist@example.lg.jp"}
    with django_capture_on_commit_callbacks(execute=True):
        services.support_reply(
            actor=cast.users["P.staff"],
            request=request,
            author_label="支援 次郎（専門人材）",
            text="来週伺います。",
        )
    # The writer is not mailed their own message.
    assert mailoutbox[-1].to == ["a-hr@example.lg.jp"]
    services.support_close(actor=cast.users["A.hr"], request=request, today=TODAY)
    with pytest.raises(ValidationError, match="完了した依頼には書き込めません"):
        services.support_reply(
            actor=cast.users["A.hr"], request=request, author_label="甲市", text="追加"
        )
    with pytest.raises(ValidationError, match="完了した依頼には担当"):
        services.support_assign(actor=None, request=request, member=specialist)


def test_only_the_consortium_pool_can_be_assigned(cast):
    outsider = services.pool_member_create(
        actor=None,
        staff=cast.staff["F.member"],
        display_name="他県 次郎",
        fields=[],
        profile="",
        joined_on=date(2026, 4, 1),
    )
    with pytest.raises(ValidationError, match="連携協議会の共通人材"):
        services.support_assign(actor=None, request=_file(cast), member=outsider)
    with pytest.raises(ValidationError, match="希望する専門人材は連携協議会の共通人材"):
        _file(cast, desired_member=outsider)


def test_a_town_asks_for_a_named_specialist_from_the_pool_page(cast, specialist, client_as):
    a = cast.bodies["A"].code
    pool = client_as("A.hr").get(reverse("pool_list", args=[a])).content.decode()
    link = f"{reverse('support_create', args=[a])}?member={specialist.pk}"
    assert link in pool
    form = client_as("A.hr").get(link).content.decode()
    assert f'<option value="{specialist.pk}" selected>' in form
    request = _file(cast, desired_member=specialist)
    assert request.desired_member == specialist


def test_the_thread_from_filing_to_closing_through_the_pages(cast, specialist, client_as):
    a, p = cast.bodies["A"].code, cast.bodies["P"].code
    officer = client_as("A.hr")
    response = officer.post(
        reverse("support_create", args=[a]),
        {
            "theme": "窓口のオンライン化",
            "field": "データ利活用",
            "urgency": "high",
            "desired_from": "2026-12-01",
            "desired_until": "2027-03-31",
            "detail": "申請の電子化を進めたい。",
        },
    )
    request = SupportRequest.unscoped.get()
    assert response.status_code == 302 and request.urgency == "high"
    # B's officers do not see A's request; nor does A's ordinary staff member.
    assert client_as("B.hr").get(reverse("support_detail", args=[a, request.pk])).status_code == 404
    assert (
        client_as("A.staff").get(reverse("support_detail", args=[a, request.pk])).status_code == 404
    )

    centre = client_as("P.operator")
    board = centre.get(reverse("support_list", args=[p])).content.decode()
    assert "窓口のオンライン化" in board and "甲市" in board
    centre = client_as("P.operator")
    centre.post(
        reverse("support_assign", args=[p, request.pk]),
        {"member": specialist.pk, "urgency": "normal"},
    )
    request.refresh_from_db()
    assert request.member == specialist and request.urgency == "normal"  # triaged down

    expert = client_as("P.staff")
    expert.post(
        reverse("support_reply", args=[p, request.pk]),
        {
            "text": "資料を添付します。",
            "attachment": SimpleUploadedFile("手順.txt", "手順".encode()),
        },
    )
    message = SupportMessage.objects.get(attachment_name="手順.txt")
    assert message.author_label == "支援 次郎（専門人材）"
    officer = client_as("A.hr")
    download = officer.get(reverse("support_attachment", args=[a, request.pk, message.pk]))
    assert b"".join(download.streaming_content) == "手順".encode()
    detail = officer.get(reverse("support_detail", args=[a, request.pk])).content.decode()
    assert (
        "資料を添付します。" in detail and "担当の専門人材を支援 次郎さんに決めました。" in detail
    )
    # The specialist may write but not close; the requester closes.
    expert = client_as("P.staff")
    assert expert.post(reverse("support_close", args=[p, request.pk])).status_code == 403
    client_as("A.hr").post(reverse("support_close", args=[a, request.pk]))
    request.refresh_from_db()
    assert request.status == SupportStatus.CLOSED and request.closed_on is not None
    board = client_as("P.operator").get(reverse("support_list", args=[p])).content.decode()
    assert "支援 次郎" in board


def test_the_centre_sees_the_requests_waiting_on_its_home_page(cast, client_as):
    from django.urls import reverse

    _file(cast)
    html = client_as("P.operator").get(reverse("home")).content.decode()
    url = reverse("support_list", args=[cast.bodies["P"].code]) + "?status=filed"
    assert "支援依頼（受付待ち）" in html
    assert f'<a href="{url}" class="waiting-kind__count">1件' in html
