"""Writing the audit log. Services call these inside their transaction."""

from __future__ import annotations

import contextlib
import functools
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from dxjinzai.core.actor import Actor, acting_user
from dxjinzai.core.models import AuditAction, AuditEntry
from dxjinzai.lib.fiscal import wareki


def snapshot(instance: models.Model, fields: list[str]) -> dict[str, str]:
    """The values of `fields` as the user would read them, for a before → after record."""
    values = {}
    for name in fields:
        value = getattr(instance, name)
        values[name] = "" if value is None else str(value)
    return values


def diff(before: dict[str, str], after: dict[str, str]) -> dict[str, list[str]]:
    return {
        key: [before.get(key, ""), value]
        for key, value in after.items()
        if before.get(key) != value
    }


@dataclass(frozen=True)
class ChangeLine:
    """One line of a change set as a reader sees it: 項目：before → after."""

    label: str
    before: str
    after: str


# Field names the services write into change sets, as the pages call them.
FIELD_LABELS = {
    "number": "職員番号",
    "family_name": "氏",
    "given_name": "名",
    "family_name_kana": "氏フリガナ",
    "given_name_kana": "名フリガナ",
    "email": "メールアドレス",
    "grade": "職層",
    "department": "所属",
    "status": "状況",
    "employment_kind": "雇用区分",
    "hire_date": "採用日",
    "kind": "種類",
    "body": "団体",
    "title": "職名",
    "start_date": "開始日",
    "end_date": "終了日",
    "code": "コード",
    "name": "名称",
    "kana": "フリガナ",
    "parent": "上位の所属",
    "valid_from": "有効開始日",
    "valid_to": "有効終了日",
    "population": "人口",
    "is_active": "有効",
    "role": "権限",
    "user": "ユーザー",
    "preset": "読み込んだ既定の枠組み",
    "fiscal_year": "年度",
    "items": "評価した項目数",
    "paid_on": "支払日",
    "revoked_at": "失効日時",
    "award_recommended_on": "表彰推薦日",
    "revoked_on": "取消日",
    "revocation_reason": "取消の理由",
    "expert_confirmed_at": "専門家の確認日時",
    "unavailable_days": "対応できない日",
    "attended": "出席",
}


def change_lines(changes: Any, model: type[models.Model] | None = None) -> list[ChangeLine]:
    """A stored change set as lines a reader understands, whatever shape a service wrote:
    {field: [before, after]} mostly, but also {field: value} (a preset's key) and nested
    values. With the target's model, each field is named by its verbose name and each value
    shown as the pages show it: a choice's label, はい/いいえ, a 和暦 date, a related row's
    name (an import's `grade_id: 25` becomes 職層: 係長級). Pages and exports read change
    sets only through this, never by attribute lookup in a template (a field named "items"
    would shadow dict.items there)."""
    if not isinstance(changes, dict):
        return [ChangeLine("", "", _as_text(changes))] if changes else []
    lines = []
    for key, value in changes.items():
        before, after = ("", value)
        if isinstance(value, list | tuple) and len(value) == 2:
            before, after = value
        field = _field(model, str(key))
        lines.append(
            ChangeLine(_label(field, str(key)), _shown(field, before), _shown(field, after))
        )
    return lines


def entry_change_lines(entry: AuditEntry) -> list[ChangeLine]:
    """An audit entry's change set, read with the model its target type names."""
    return change_lines(entry.changes, model_named(entry.target_type))


def changes_text(changes: Any, model: type[models.Model] | None = None) -> str:
    """A change set on one line, for the exports."""
    return "; ".join(
        f"{line.label}: {line.before} → {line.after}" for line in change_lines(changes, model)
    )


@functools.cache
def _models_by_name() -> dict[str, type[models.Model]]:
    return {str(m._meta.verbose_name): m for m in apps.get_models()}


def model_named(target_type: str) -> type[models.Model] | None:
    """The model whose verbose name an entry's target type is (None for other labels)."""
    return _models_by_name().get(target_type)


def _field(model: type[models.Model] | None, key: str) -> Any:
    if model is None:
        return None
    for name in (key, key.removesuffix("_id")):
        try:
            return model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
    return None


def _label(field: Any, key: str) -> str:
    """The field's own name on its model first (an idea's title is 解決アイデア, not the
    appointment's 職名), then the names of keys that are no model field."""
    verbose = getattr(field, "verbose_name", None)
    if verbose:
        return str(verbose)
    return FIELD_LABELS.get(key, key)


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_YES_NO = {"True": "はい", "False": "いいえ"}


def _shown(field: Any, value: Any) -> str:
    text = _as_text(value)
    if not text:
        return text
    if text in _YES_NO:
        return _YES_NO[text]
    if _ISO_DATE.match(text):
        with contextlib.suppress(ValueError):
            return wareki(date.fromisoformat(text))
    choices = dict(getattr(field, "flatchoices", None) or ())
    if text in choices:
        return str(choices[text])
    related = getattr(field, "related_model", None)
    if related is not None and text.isdigit() and getattr(field, "many_to_one", False):
        found = related._base_manager.filter(pk=int(text)).first()
        return str(found) if found is not None else text
    return text


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def audit_record(
    *,
    actor: Actor,
    body: Any,
    action: AuditAction,
    target: models.Model | None = None,
    target_type: str = "",
    target_label: str = "",
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record one write or export. `actor` is a user (None for the system). Labels are cut
    to their columns' lengths: a long body name in an export's name must not make the
    export fail (PostgreSQL refuses an over-long value where SQLite stores it)."""
    return AuditEntry.unscoped.create(
        actor=acting_user(actor),
        actor_label=clipped(AuditEntry, "actor_label", actor_label(actor)),
        body=body,
        action=action,
        target_type=clipped(
            AuditEntry,
            "target_type",
            target_type or (str(target._meta.verbose_name) if target is not None else ""),
        ),
        target_id=str(target.pk) if target is not None else "",
        target_label=clipped(
            AuditEntry, "target_label", target_label or (str(target) if target is not None else "")
        ),
        changes=changes or {},
    )


def clipped(model: type[models.Model], field: str, value: str) -> str:
    """`value` cut to the length of `model.field`'s column."""
    column = model._meta.get_field(field)
    assert isinstance(column, models.CharField)
    return value[: column.max_length]


def actor_label(actor: Actor) -> str:
    """How an entry names who acted: 氏名（ユーザー名）, or システム."""
    actor = acting_user(actor)
    if actor is None:
        return "システム"
    full_name = f"{actor.last_name} {actor.first_name}".strip()
    return f"{full_name}（{actor.username}）" if full_name else actor.username
