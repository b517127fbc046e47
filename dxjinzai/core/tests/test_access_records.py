"""閲覧記録: opening a person's record, a personal-data list or an export is recorded with
who, when and what; reading one's own record is not; the body admin reads them with
filters and exports them; other bodies never see them; a year later they are gone."""

from datetime import timedelta

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from dxjinzai.core.access_records import ACCESS_RECORD_RETENTION, delete_expired_access_records
from dxjinzai.core.models import AccessRecord


def _records(cast, body="A"):
    return list(
        AccessRecord.unscoped.filter(body=cast.bodies[body]).values_list(
            "actor_label", "kind", "target"
        )
    )


def test_opening_a_record_a_list_and_an_export_is_recorded(cast, client_as):
    code = cast.bodies["A"].code
    client = client_as("A.hr")
    client.get(reverse("staff_list", args=[code]), {"q": "ジロウ"})
    client.get(reverse("staff_detail", args=[code, "00004"]))
    client.get(reverse("staff_list", args=[code]) + "?export=csv")
    client.get(reverse("missing_list", args=[code]))
    who = "a-hr"
    assert _records(cast) == [
        (who, "必須研修の未修了者", ""),
        (who, "職員一覧（出力）", ""),
        (who, "職員の記録", "職員番号 00004"),
        (who, "職員一覧", "q=ジロウ"),
    ]
    record = AccessRecord.unscoped.filter(body=cast.bodies["A"]).last()
    assert record.user == cast.users["A.hr"]
    assert record.path == reverse("staff_list", args=[code]) + "?q=%E3%82%B8%E3%83%AD%E3%82%A6"


def test_reading_ones_own_record_is_not_recorded(cast, client_as):
    code = cast.bodies["A"].code
    client = client_as("A.staff")  # the account of A.member (00004)
    assert client.get(reverse("staff_detail", args=[code, "00004"])).status_code == 200
    assert client.get(reverse("staff_talent", args=[code, "00004"])).status_code == 200
    assert _records(cast) == []


def test_refused_pages_are_not_recorded(cast, client_as):
    code = cast.bodies["A"].code
    assert client_as("A.staff").get(reverse("staff_list", args=[code])).status_code == 403
    assert client_as("F.admin").get(reverse("staff_list", args=[code])).status_code == 404
    assert _records(cast) == []


def test_the_admin_reads_and_filters_the_records_and_other_bodies_see_none(cast, client_as):
    code = cast.bodies["A"].code
    client_as("A.hr").get(reverse("staff_detail", args=[code, "00004"]))
    client_as("A.head").get(reverse("staff_list", args=[code]))
    page = client_as("A.admin").get(reverse("access_record_list", args=[code]) + "?kind=職員の記録")
    html = page.content.decode()
    assert page.status_code == 200
    assert "職員番号 00004" in html and "a-head" not in html
    export = client_as("A.admin").get(reverse("access_record_list", args=[code]) + "?export=csv")
    assert "職員番号 00004" in b"".join(export.streaming_content).decode("utf-8-sig")
    assert client_as("F.admin").get(reverse("access_record_list", args=[code])).status_code == 404


def test_records_are_kept_a_year_then_deleted(cast, client_as, capsys):
    code = cast.bodies["A"].code
    client_as("A.hr").get(reverse("staff_list", args=[code]))
    client_as("A.hr").get(reverse("staff_detail", args=[code, "00004"]))
    old = AccessRecord.unscoped.filter(kind="職員一覧")
    old.update(at=timezone.now() - ACCESS_RECORD_RETENTION - timedelta(days=1))
    assert delete_expired_access_records() == 1
    assert [kind for _, kind, _ in _records(cast)] == ["職員の記録"]
    AccessRecord.unscoped.update(at=timezone.now() - ACCESS_RECORD_RETENTION * 2)
    call_command("cleanup_jobs")
    assert "閲覧記録 1件" in capsys.readouterr().out
    assert _records(cast) == []


def test_the_accounts_list_is_recorded_too(cast, client_as):
    code = cast.bodies["A"].code
    assert client_as("A.admin").get(reverse("account_list", args=[code])).status_code == 200
    assert _records(cast) == [("a-admin", "アカウント一覧", "")]
