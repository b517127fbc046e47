"""The public request form: the only page without sign-in. E-mail confirmation, honeypot,
duplicate and rate limits, and the operator's review of a new requester."""

import re

import pytest
from django.urls import reverse

from dxjinzai.dispatch.models import DispatchRequest, PublicSubmission, SubmissionStatus
from dxjinzai.dispatch.testing import build_dispatch_cast
from dxjinzai.organizations.models import Body


@pytest.fixture
def scheme(cast):
    return build_dispatch_cast(cast)["scheme"]


def _form(**overrides):
    return {
        "organisation": "県立みらい高等学校",
        "organisation_kind": "school",
        "contact_name": "情報 太郎",
        "contact_email": "joho@mirai.example.jp",
        "theme": "情報Ⅰのプログラミング",
        "fields": ["プログラミング教育"],
        "desired_date": "2027-02-10",
        "expected_minutes": "100",
        "participants": "40",
        "website": "",
    } | overrides


def _post(client, scheme, **overrides):
    return client.post(reverse("dispatch_public_request", args=[scheme.pk]), _form(**overrides))


def test_form_is_public_and_japanese(client, scheme):
    response = client.get(reverse("dispatch_public_request", args=[scheme.pk]))
    assert response.status_code == 200
    assert "専門家派遣の依頼" in response.content.decode()


def test_submission_waits_for_email_then_for_the_operator(
    client, client_as, scheme, mailoutbox, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, scheme, alternative_date_1="2027-02-17")
    assert "確認メールを送りました" in response.content.decode()
    submission = PublicSubmission.unscoped.get()
    assert submission.status == SubmissionStatus.UNCONFIRMED
    found = re.search(r"http://\S+/confirm/\S+/", mailoutbox[-1].body)
    assert found is not None, mailoutbox[-1].body
    assert "メールアドレスを確認しました" in client.get(found.group(0)).content.decode()
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.REVIEW
    operator = client_as("P.operator")
    operator.post(
        reverse("dispatch_submission_decide", args=[scheme.pk, submission.pk]),
        {"decision": "accept"},
    )
    dispatch_request = DispatchRequest.unscoped.get(theme="情報Ⅰのプログラミング")
    assert dispatch_request.requester.name == "県立みらい高等学校"
    assert dispatch_request.requester.kind == "school"
    assert [str(day) for day in dispatch_request.desired_dates] == ["2027-02-10", "2027-02-17"]
    assert cast.consortia["C"].members.filter(pk=dispatch_request.requester_id).exists()


def test_honeypot_submissions_are_dropped_quietly(client, scheme):
    response = _post(client, scheme, website="http://spam.example")
    assert "確認メールを送りました" in response.content.decode()
    assert not PublicSubmission.unscoped.exists()


def test_the_same_request_twice_in_a_minute_is_refused(client, scheme):
    _post(client, scheme)
    response = _post(client, scheme)
    assert "同じ内容の依頼を続けて送信しています" in response.content.decode()
    assert PublicSubmission.unscoped.count() == 1


def test_more_than_five_in_an_hour_from_one_address_is_refused(client, scheme):
    for n in range(5):
        _post(client, scheme, theme=f"テーマ{n}")
    response = _post(client, scheme, theme="テーマ6")
    assert "短い時間に送信が続いた" in response.content.decode()
    assert PublicSubmission.unscoped.count() == 5


def test_no_field_and_past_date_are_refused(client, scheme):
    html = _post(client, scheme, fields=[], desired_date="2020-01-01").content.decode()
    assert "必要な専門分野を1つ以上選んでください。" in html
    assert "希望日に過去の日付は指定できません。" in html
    assert not PublicSubmission.unscoped.exists()


def test_the_answer_does_not_reveal_registered_requesters(client, scheme, cast):
    known = _post(client, scheme, organisation=cast.bodies["A"].name, theme="既存").content.decode()
    unknown = _post(client, scheme, organisation="存在しない団体", theme="未知").content.decode()
    strip = lambda html: re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)  # noqa: E731
    assert strip(known) == strip(unknown)


def test_unknown_confirmation_token_is_404(client, scheme):
    response = client.get(reverse("dispatch_public_confirm", args=[scheme.pk, "no-such-token"]))
    assert response.status_code == 404


def test_accepting_an_unconfirmed_submission_is_refused(client, client_as, scheme):
    _post(client, scheme)
    submission = PublicSubmission.unscoped.get()
    client_as("P.operator").post(
        reverse("dispatch_submission_decide", args=[scheme.pk, submission.pk]),
        {"decision": "accept"},
    )
    assert not DispatchRequest.unscoped.filter(theme="情報Ⅰのプログラミング").exists()
    assert not Body.objects.filter(name="県立みらい高等学校").exists()
