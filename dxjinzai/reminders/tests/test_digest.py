"""The daily digest: one mail per person with what is new for them, never the same item
twice, none to who turned it off, and a worker's death leaves a clear record."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from dxjinzai.core import clock
from dxjinzai.core.daily import is_booked, next_run_at
from dxjinzai.dispatch import services as dispatch
from dxjinzai.dispatch.testing import build_dispatch_cast
from dxjinzai.reminders import services
from dxjinzai.reminders.models import DigestRun, DigestSent
from dxjinzai.reminders.tasks import send_daily_digest
from dxjinzai.training import services as training
from dxjinzai.training.testing import build_training_cast

TODAY = date(2026, 11, 29)
SITE = "https://dx.pref.example.lg.jp"


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def _addresses(cast, *keys: str) -> None:
    for key in keys:
        user = cast.users[key]
        user.email = f"{user.username}@example.lg.jp"
        user.save(update_fields=["email"])


def _apply(cast, made, key: str):
    return training.application_create(
        actor=None, session=made.joint_session, staff=cast.staff[key], today=TODAY
    )


def test_each_person_gets_one_mail_and_none_the_second_time(cast):
    made = build_training_cast(cast, today=TODAY)
    _apply(cast, made, "A.unit")
    dispatch_made = build_dispatch_cast(cast)
    dispatch.request_create(
        actor=None,
        scheme=dispatch_made["scheme"],
        requester=cast.bodies["A"],
        today=TODAY,
        contact_name="甲市 担当",
        contact_email="kou@example.lg.jp",
        theme="生成AI研修",
        fields=["データ活用"],
        desired_date=TODAY + timedelta(days=40),
    )
    _addresses(cast, "A.hr", "P.operator", "F.admin")

    run = services.digest_run(today=TODAY, site_url=SITE)

    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {"a-hr@example.lg.jp", "p-operator@example.lg.jp"}
    assert (run.status, run.mails) == ("done", 2)
    hr_mail = by_address["a-hr@example.lg.jp"]
    assert hr_mail.subject.startswith("【DX人材プラットフォーム】対応待ちのお知らせ")
    assert "人事 花子 様" in hr_mail.body
    assert "■ 承認待ちの受講申込（最も近い研修回から）（新しく1件／全1件）" in hr_mail.body
    assert "・係員 三郎：DX特別研修（令和8年12月19日）" in hr_mail.body
    assert f"{SITE}/training/sessions/{made.joint_session.pk}/" in hr_mail.body
    assert "甲市：生成AI研修" in by_address["p-operator@example.lg.jp"].body

    mail.outbox.clear()
    services.digest_run(today=TODAY, site_url=SITE)
    assert mail.outbox == []

    # A new item tomorrow is announced alone.
    _apply(cast, made, "A.other")
    services.digest_run(today=TODAY + timedelta(days=1), site_url=SITE)
    [second] = mail.outbox
    assert "総務 四郎" in second.body and "係員 三郎" not in second.body
    assert "（新しく1件／全2件）" in second.body


def test_who_turned_the_digest_off_gets_none(cast):
    made = build_training_cast(cast, today=TODAY)
    _apply(cast, made, "A.unit")
    _addresses(cast, "A.hr")
    services.reminder_settings_update(user=cast.users["A.hr"], digest=False)
    services.digest_run(today=TODAY, site_url=SITE)
    assert mail.outbox == []
    assert not DigestSent.objects.exists()


def test_a_failed_send_announces_nothing(cast, monkeypatch):
    made = build_training_cast(cast, today=TODAY)
    _apply(cast, made, "A.unit")
    _addresses(cast, "A.hr")

    def refuse(*args, **kwargs):
        raise OSError("SMTP server unreachable")

    monkeypatch.setattr(services, "send_mail", refuse)
    with pytest.raises(OSError):
        services.digest_run(today=TODAY, site_url=SITE)
    assert DigestRun.objects.get().status == "failed"
    # Nothing was recorded as sent: tomorrow's run announces it.
    assert not DigestSent.objects.exists()


def test_a_run_its_worker_abandoned_is_marked_interrupted(cast, monkeypatch):
    abandoned = DigestRun.objects.create(day=TODAY - timedelta(days=1))
    later = clock.now() + services.RUN_ABANDONED_AFTER + timedelta(minutes=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    services.digest_run(today=TODAY, site_url=SITE)
    abandoned.refresh_from_db()
    assert abandoned.status == "failed"
    assert abandoned.finished_at == later


def test_a_long_list_is_cut_in_the_mail_but_counted_as_announced(cast):
    waiting = [
        _kind("承認待ち", [f"k{i}" for i in range(services.MAIL_ITEMS_PER_KIND + 5)]),
    ]
    composed = services.digest_mail("人事 花子", waiting, set(), site_url=SITE)
    assert composed is not None
    assert len(composed.keys) == services.MAIL_ITEMS_PER_KIND + 5
    assert "・ほか5件は一覧でご覧ください" in composed.body
    assert services.digest_mail("人事 花子", waiting, set(composed.keys), site_url=SITE) is None


def _kind(label, keys):
    from dxjinzai.organizations.attention import Item, Waiting

    return Waiting(
        label,
        len(keys),
        "/inbox/",
        items=tuple(Item(key=k, title=f"項目{k}", url=f"/x/{k}/") for k in keys),
    )


def test_the_next_send_is_seven_in_the_morning_in_tokyo():
    # 06:59 JST is 21:59 UTC the day before.
    assert next_run_at(datetime(2026, 11, 28, 21, 59, tzinfo=UTC), 7) == datetime(
        2026, 11, 28, 22, 0, tzinfo=UTC
    )
    assert next_run_at(datetime(2026, 11, 28, 22, 0, tzinfo=UTC), 7) == datetime(
        2026, 11, 29, 22, 0, tzinfo=UTC
    )


def test_scheduling_books_one_send_and_each_send_books_the_next(cast):
    _addresses(cast, "A.hr")
    assert not is_booked(send_daily_digest)
    call_command("schedule_daily_jobs", verbosity=0)
    call_command("schedule_daily_jobs", verbosity=0)
    waiting = DBTaskResult.objects.filter(task_path=send_daily_digest.module_path, status="READY")
    assert waiting.count() == 1
    assert waiting.get().run_after == next_run_at(clock.now(), 7)

    # The worker runs it: the morning's digests go out and tomorrow's is booked.
    waiting.delete()
    result = send_daily_digest.call()
    assert result == {"people": 1, "mails": 0}
    assert is_booked(send_daily_digest)
    assert DigestRun.objects.get().status == "done"
