"""The writers of adviser terms: appointment with an account, renewal, conversion to a
contract, meetings with their issues, ideas, reports; each audited, nothing half-way."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from dxjinzai.advisers import selectors, services
from dxjinzai.advisers.models import AdviserTerm, IdeaStatus, Issue
from dxjinzai.advisers.testing import build_advisers_cast
from dxjinzai.core.models import AuditEntry
from dxjinzai.core.roles import Role
from dxjinzai.organizations.access import access_for_user
from dxjinzai.organizations.models import RoleGrant


def _appoint(cast, **changes):
    fields: dict[str, Any] = {
        "title": "業務効率化アドバイザー",
        "theme": "efficiency",
        "adviser_name": "効率 二郎",
        "starts_on": date(2024, 4, 1),
        "ends_on": None,
        "fee": 300_000,
    } | changes
    return services.term_save(actor=cast.users["A.hr"], body=cast.bodies["A"], **fields)


def test_a_term_without_an_end_runs_four_months(cast):
    term = _appoint(cast)
    assert term.ends_on == date(2024, 7, 31)
    assert AuditEntry.unscoped.filter(target_id=str(term.pk), action="create").exists()


def test_appointing_makes_the_advisers_account_with_its_one_role(cast):
    term = _appoint(cast, new_username="kouritsu", new_password="adviser-password-2026")
    grants = RoleGrant.objects.filter(user=term.adviser)
    assert [(g.body_id, g.role) for g in grants] == [(cast.bodies["A"].pk, Role.ADVISER)]
    assert term.adviser.last_name == "効率"


def test_a_weak_password_makes_nothing(cast):
    with pytest.raises(ValidationError) as error:
        _appoint(cast, new_username="kouritsu", new_password="short")
    assert "password" in error.value.message_dict
    assert not AdviserTerm.unscoped.exists()


def test_the_account_must_be_an_adviser_of_the_body(cast):
    with pytest.raises(ValidationError) as error:
        _appoint(cast, adviser=cast.users["A.staff"])
    assert "adviser" in error.value.message_dict


def test_renewal_keeps_the_earlier_term_and_happens_once(cast):
    made = build_advisers_cast(cast)
    term = made["term"]
    renewed = services.term_renew(
        actor=None,
        term=term,
        starts_on=term.ends_on + timedelta(days=1),
        ends_on=term.ends_on + timedelta(days=120),
        fee=400_000,
    )
    assert renewed.previous == term and renewed.adviser == term.adviser
    assert term.meetings.count() == 1 and renewed.meetings.count() == 0
    with pytest.raises(ValidationError, match="すでに更新"):
        services.term_renew(
            actor=None, term=term, starts_on=renewed.ends_on, ends_on=renewed.ends_on, fee=0
        )


def test_conversion_to_a_contract_keeps_the_history(cast):
    term = build_advisers_cast(cast)["term"]
    contract = services.contract_save(
        actor=None,
        term=term,
        subject="文書管理システム導入の支援",
        amount=1_200_000,
        starts_on=term.ends_on,
        ends_on=term.ends_on + timedelta(days=180),
    )
    assert contract.term == term and term.meetings.count() == 1
    with pytest.raises(ValidationError, match="すでに業務委託"):
        services.contract_save(
            actor=None,
            term=term,
            subject="二度目",
            amount=1,
            starts_on=term.ends_on,
            ends_on=term.ends_on,
        )
    with pytest.raises(ValidationError, match="更新できません"):
        services.term_renew(
            actor=None,
            term=term,
            starts_on=term.ends_on + timedelta(days=1),
            ends_on=term.ends_on + timedelta(days=30),
            fee=0,
        )


def test_a_term_with_records_is_not_deleted(cast):
    term = build_advisers_cast(cast)["term"]
    with pytest.raises(ValidationError, match="ミーティング・課題・解決アイデア・報告"):
        services.term_delete(actor=None, term=term)
    empty = _appoint(cast)
    services.term_delete(actor=None, term=empty)
    assert not AdviserTerm.unscoped.filter(pk=empty.pk).exists()


def test_a_meeting_adds_its_issues_one_per_line(cast):
    made = build_advisers_cast(cast)
    meeting = services.meeting_save(
        actor=None,
        term=made["term"],
        held_on=made["term"].starts_on,
        attendees="外部 一子",
        issue_lines=["  窓口の待ち時間 ", "", "押印の多さ"],
    )
    assert list(meeting.issues.values_list("title", flat=True)) == ["窓口の待ち時間", "押印の多さ"]


def test_a_meeting_before_the_term_or_with_a_disguised_file_is_refused(cast):
    term = build_advisers_cast(cast)["term"]
    with pytest.raises(ValidationError) as error:
        services.meeting_save(
            actor=None, term=term, held_on=term.starts_on - timedelta(days=1), attendees="x"
        )
    assert "held_on" in error.value.message_dict
    fake = SimpleUploadedFile("議事録.pdf", b"MZ\x90\x00 not a pdf")
    with pytest.raises(ValidationError) as error:
        services.meeting_save(
            actor=None, term=term, held_on=term.starts_on, attendees="x", attachment=fake
        )
    assert "attachment" in error.value.message_dict


def test_an_idea_answers_issues_of_its_own_term(cast):
    made = build_advisers_cast(cast)
    other = _appoint(cast)
    foreign_issue = services.issue_save(actor=None, term=other, title="別の任期の課題")
    with pytest.raises(ValidationError) as error:
        services.idea_save(actor=None, term=made["term"], title="x", issues=[foreign_issue])
    assert "issues" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.idea_save(actor=None, term=made["term"], title="x", issues=[])
    assert "issues" in error.value.message_dict


def test_an_adviser_cannot_set_the_owner_division(cast):
    made = build_advisers_cast(cast)
    idea = made["idea"]
    services.idea_save(
        actor=None, term=made["term"], idea=idea, title="名前を直す", issues=[made["issue"]]
    )
    idea.refresh_from_db()
    assert idea.owner_department == cast.departments["A.digital"]
    assert list(idea.issues.all()) == [made["issue"]]


def test_idea_moves_follow_the_rule_and_are_audited(cast):
    idea = build_advisers_cast(cast)["idea"]
    services.idea_move(actor=cast.users["A.hr"], idea=idea, status=IdeaStatus.ADOPTED)
    with pytest.raises(ValidationError):
        services.idea_move(actor=None, idea=idea, status=IdeaStatus.PROPOSED)
    entry = AuditEntry.unscoped.filter(action="update").latest("pk")
    assert entry.changes == {"status": ["提案", "採用"]}
    with pytest.raises(ValidationError, match="見送り"):
        services.idea_delete(actor=None, idea=idea)


def test_an_issue_with_ideas_stays(cast):
    made = build_advisers_cast(cast)
    linked = Issue.unscoped.get(ideas=made["idea"])
    with pytest.raises(ValidationError, match="結びついて"):
        services.issue_delete(actor=None, issue=linked)
    services.issue_delete(actor=None, issue=made["issue"])


def test_a_report_is_corrected_until_accepted(cast):
    made = build_advisers_cast(cast)
    report, term = made["report"], made["term"]
    now = report.filed_at
    services.report_file(actor=None, term=term, text="直した報告", now=now)
    report.refresh_from_db()
    assert report.text == "直した報告"
    services.report_accept(actor=cast.users["A.hr"], report=report, today=date(2026, 11, 29))
    with pytest.raises(ValidationError, match="受理された"):
        services.report_file(actor=None, term=term, text="さらに", now=now)
    with pytest.raises(ValidationError, match="すでに受理"):
        services.report_accept(actor=None, report=report, today=date(2026, 11, 29))


def test_counts_come_from_the_records(cast):
    made = build_advisers_cast(cast)
    access = access_for_user(cast.users["A.staff"])
    counts = selectors.board_counts(access, made["term"])
    assert (counts.meetings, counts.issues, counts.ideas, counts.adopted) == (1, 2, 1, 0)


def test_an_adviser_sees_only_their_own_terms(cast):
    made = build_advisers_cast(cast)
    other = _appoint(cast)
    mine = access_for_user(cast.users["A.adviser"])
    assert list(AdviserTerm.objects.visible_to(mine)) == [made["term"]]
    assert other not in AdviserTerm.objects.visible_to(mine)
    stranger = access_for_user(cast.users["B.adviser"])
    assert not AdviserTerm.objects.visible_to(stranger).exists()
    assert not Issue.objects.visible_to(stranger).exists()
    # The adviser reads nothing else of the body.
    from dxjinzai.advisers.models import Partnership

    assert not Partnership.objects.visible_to(mine).exists()
