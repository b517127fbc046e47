"""What waits in personnel (registered in ready()): for HR, terms that end within 60 days,
department heads who moved (does the role follow?) and checked imports waiting for their
confirmation."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from django.urls import reverse

from dxjinzai.core import clock
from dxjinzai.core.access import Access, Perm
from dxjinzai.core.import_runs import KEEP_CHECKED_FOR
from dxjinzai.core.models import ImportRun, ImportStatus
from dxjinzai.lib.fiscal import wareki
from dxjinzai.organizations import selectors
from dxjinzai.organizations.attention import Item, Waiting, waiting_kind
from dxjinzai.organizations.models import Appointment

TERM_ENDING_NOTICE = timedelta(days=60)


def terms_ending(access: Access, today: date, limit: int | None) -> Iterator[Waiting]:
    bodies = access.body_ids_with(Perm.MANAGE_STAFF)
    if not bodies:
        return
    ending = Appointment.objects.visible_to(access).filter(
        body_id__in=bodies, end_date__gte=today, end_date__lte=today + TERM_ENDING_NOTICE
    )
    yield waiting_kind(
        "60日以内に任期が終わる任用・配置",
        ending.select_related("body", "staff").order_by("end_date", "pk"),
        limit,
        list_url=lambda a: reverse("staff_list", args=[a.body.url_key]),
        item=lambda a: Item(
            key=f"organizations.term:{a.pk}:{a.end_date.isoformat()}",
            title=f"{a.staff.full_name}：{a.get_kind_display()}（{wareki(a.end_date)}まで）",
            url=reverse("staff_detail", args=[a.body.url_key, a.staff.number]),
            due=a.end_date,
        ),
        unit="人",
    )


def moved_heads_to_confirm(access: Access, today: date, limit: int | None) -> Iterator[Waiting]:
    """A department head moved to another unit: HR confirms whether the role follows."""
    bodies = access.body_ids_with(Perm.MANAGE_STAFF)
    if not bodies:
        return
    yield waiting_kind(
        "異動した所属長の権限（確認待ち）",
        selectors.moved_heads(access, bodies),
        limit,
        list_url=lambda g: reverse("head_moves", args=[g.body.url_key]),
        item=lambda g: Item(
            key=f"organizations.head_move:{g.pk}:{g.department_id}",
            title=f"{g.user.staff_record.full_name}：{g.department}の所属長",
            url=reverse("head_moves", args=[g.body.url_key]),
        ),
        unit="人",
    )


def checked_imports(access: Access, today: date, limit: int | None) -> Iterator[Waiting]:
    """The viewer's own dry runs that found no error and can still be imported as checked."""
    if not access.body_ids_with(Perm.MANAGE_STAFF) | access.body_ids_with(Perm.MANAGE_TALENT):
        return
    waiting = (
        ImportRun.objects.visible_to(access)
        .filter(created_by_id=access.user_id, status=ImportStatus.DONE, options__dry_run=True)
        .exclude(stored_file="")
        .filter(finished_at__gte=clock.now() - KEEP_CHECKED_FOR)
    )
    yield waiting_kind(
        "確認済みで取込を待っているファイル",
        waiting.select_related("body").order_by("-finished_at", "pk"),
        limit,
        list_url=lambda r: reverse("import_run_list", args=[r.body.url_key]),
        item=lambda r: Item(
            key=f"core.import:{r.pk}",
            title=f"{r.kind_label}：{r.filename}",
            url=reverse("import_run_detail", args=[r.body.url_key, r.pk]),
        ),
    )
