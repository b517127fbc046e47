"""挑戦制度's writers and pages: HR opens the year's call, a person applies from My page,
HR decides; the count per year and field comes from the records; the head sees nothing."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dxjinzai.careers import selectors, services
from dxjinzai.careers.models import ChallengeApplication, Decision
from dxjinzai.careers.testing import build_careers_cast
from dxjinzai.core import clock
from dxjinzai.organizations.access import access_for_user
from dxjinzai.organizations.attention import waiting_for


def test_one_call_a_year_and_a_field_with_applications_stays(cast):
    made = build_careers_cast(cast)
    call = made["call"]
    with pytest.raises(ValidationError) as error:
        services.call_save(
            actor=None,
            body=cast.bodies["A"],
            fiscal_year=call.fiscal_year,
            offered_fields=["ICT・DX分野"],
            opens_on=call.opens_on,
            closes_on=call.closes_on,
        )
    assert "fiscal_year" in error.value.message_dict
    with pytest.raises(ValidationError, match="ICT・DX分野"):
        services.call_save(actor=None, body=call.body, call=call, offered_fields=["福祉分野"])


def test_a_person_applies_once_and_only_when_eligible(cast):
    made = build_careers_cast(cast)
    with pytest.raises(ValidationError, match="すでに応募"):
        services.application_submit(
            actor=None,
            call=made["call"],
            staff=cast.staff["A.member"],
            field="福祉分野",
            statement="もう一度",
            today=clock.today(),
        )
    young = cast.staff["A.unit"]
    young.hire_date = made["call"].opens_on - timedelta(days=365)
    with pytest.raises(ValidationError, match="10年以上"):
        services.application_submit(
            actor=None,
            call=made["call"],
            staff=young,
            field="福祉分野",
            statement="挑戦したい",
            today=clock.today(),
        )


def test_decide_correct_and_withdraw(cast):
    application = build_careers_cast(cast)["application"]
    services.application_decide(
        actor=cast.users["A.hr"],
        application=application,
        decision=Decision.ACCEPTED,
        reason="",
        today=clock.today(),
    )
    with pytest.raises(ValidationError, match="取り下げられません"):
        services.application_withdraw(actor=None, application=application)
    services.application_decide(
        actor=None,
        application=application,
        decision=Decision.DECLINED,
        reason="来年度に再挑戦",
        today=clock.today(),
    )
    assert ChallengeApplication.unscoped.get().decision == Decision.DECLINED


def test_counts_per_year_and_field_from_the_records(cast):
    made = build_careers_cast(cast)
    hr = access_for_user(cast.users["A.hr"])
    rows = [(r.field, r.applied, r.accepted) for r in selectors.year_counts(hr, cast.bodies["A"])]
    assert rows == [("ICT・DX分野", 1, 0), ("福祉分野", 0, 0)]
    services.application_withdraw(actor=None, application=made["application"])
    after = [(r.field, r.applied) for r in selectors.year_counts(hr, cast.bodies["A"])]
    assert after == [("ICT・DX分野", 0), ("福祉分野", 0)]


def test_the_career_wish_is_for_hr_and_the_person_only(cast):
    build_careers_cast(cast)
    for key, seen in (
        ("A.hr", 1),
        ("A.staff", 1),
        ("A.head", 0),
        ("P.operator", 0),
        ("B.admin", 0),
    ):
        access = access_for_user(cast.users[key])
        assert ChallengeApplication.objects.visible_to(access).count() == seen, key


def test_apply_from_my_page_and_hr_decides_from_its_inbox(cast, client_as):
    made = build_careers_cast(cast)
    services.application_withdraw(actor=None, application=made["application"])
    ChallengeApplication.unscoped.all().delete()
    staff = client_as("A.staff")
    assert "極めたい分野挑戦制度に応募する" in staff.get(reverse("my_page")).content.decode()
    response = staff.post(
        reverse("my_challenges"), {"field": "ICT・DX分野", "statement": "データ活用を極めたい"}
    )
    assert response.status_code == 302
    assert "この年度の公募には応募済みです" in staff.get(reverse("my_challenges")).content.decode()
    (pending,) = [
        w
        for w in waiting_for(access_for_user(cast.users["A.hr"]), today=clock.today(), limit=5)
        if w.label == "挑戦制度：結果を待っている応募"
    ]
    assert pending.count == 1 and "職員 次郎" in pending.items[0].title
    application = ChallengeApplication.unscoped.get()
    url = reverse("challenge_decide", args=[cast.bodies["A"].code, application.pk])
    client_as("A.hr").post(url, {"decision": "accepted", "reason": "令和9年度から"})
    application.refresh_from_db()
    assert application.decision == Decision.ACCEPTED and application.reason == "令和9年度から"
    assert (
        "決定：令和9年度から" in client_as("A.staff").get(reverse("my_challenges")).content.decode()
    )


def test_the_year_list_downloads(cast, client_as):
    build_careers_cast(cast)
    url = reverse("challenge_list", args=[cast.bodies["A"].code])
    response = client_as("A.hr").get(url + "?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["年度", "分野", "応募", "決定"]
    assert rows[1][1:] == ["ICT・DX分野", "1", "0"]


def test_the_applicant_corrects_their_application_until_hr_decides(cast, client_as):
    made = build_careers_cast(cast)
    application = made["application"]
    client = client_as("A.staff")
    url = reverse("my_challenge_edit", args=[application.pk])
    assert "内容を直す" in client.get(reverse("my_challenges")).content.decode()
    page = client.get(url).content.decode()
    assert "庁内のデータ活用を進めたい。" in page  # the form opens with what was sent
    answer = client.post(
        url, {"field": "福祉分野", "statement": " 福祉の窓口をデータで支えたい。 "}
    )
    assert answer["Location"] == reverse("my_challenges")
    application.refresh_from_db()
    assert (application.field, application.statement) == (
        "福祉分野",
        "福祉の窓口をデータで支えたい。",
    )
    history = client.get(url).content.decode()
    assert "ICT・DX分野" in history and "福祉分野" in history  # the change, in its history
    # A field the call does not offer, or an empty statement: said at the field, nothing saved.
    wrong = client.post(url, {"field": "土木分野", "statement": "x"})
    assert wrong.status_code == 200
    empty = client.post(url, {"field": "福祉分野", "statement": "   "})
    assert "志望の理由" in empty.content.decode()
    application.refresh_from_db()
    assert application.statement == "福祉の窓口をデータで支えたい。"


def test_a_decided_or_closed_application_cannot_be_corrected(cast):
    made = build_careers_cast(cast)
    application, call = made["application"], made["call"]
    with pytest.raises(ValidationError, match="受付期間が終わった"):
        services.application_correct(
            actor=None,
            application=application,
            field="福祉分野",
            statement="後から",
            today=call.closes_on + timedelta(days=1),
        )
    services.application_withdraw(actor=None, application=application)
    with pytest.raises(ValidationError, match="直せません"):
        services.application_correct(
            actor=None,
            application=application,
            field="福祉分野",
            statement="取り下げた後",
            today=clock.today(),
        )
