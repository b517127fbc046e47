"""Fail-closed scoping of body-owned rows: the mechanism. The rules live with their models.

Every body-owned model has two managers. `objects` refuses to build a query unless it is
told who is asking (`visible_to(access)`), so a forgotten scope is an exception, never a
leak. `unscoped` is for services and internals that have already established the scope;
its name makes each such use easy to find in review.

Each app declares the rule of each of its body-owned models in its `scopes.py`
(`SCOPE_RULES`), and its AppConfig registers them in `ready()` with
`register_scope_rules`. A model without a rule raises on its first scoped query.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import Q, QuerySet

if TYPE_CHECKING:
    from dxjinzai.core.access import Access

ScopeRule = Callable[[QuerySet, "Access"], QuerySet]

_RULES: dict[type, ScopeRule] = {}


class UnscopedQueryError(RuntimeError):
    """A body-owned model was queried without saying on whose behalf."""


def register_scope_rules(rules: Mapping[type, ScopeRule]) -> None:
    """Called from an app's ready(): the rows of each model a viewer may see."""
    for model, rule in rules.items():
        if _RULES.get(model, rule) is not rule:
            raise ValueError(f"{model.__name__} のアクセス規則は既に登録されています。")
        _RULES[model] = rule


def scoped_models() -> frozenset[type]:
    return frozenset(_RULES)


def scope_queryset(qs: QuerySet, access: Access) -> QuerySet:
    """The rows of qs's model that `access` may see. No rule for the model: refuse."""
    if not access.is_authenticated:
        return qs.none()
    try:
        rule = _RULES[qs.model]
    except KeyError:
        raise NotImplementedError(f"{qs.model.__name__} にアクセス規則がありません。") from None
    return rule(qs, access)


def personal_rows(access: Access, staff: str = "staff__") -> Q:
    """A person's own records: their body's HR and admins, their department head, themself.
    `staff` is the path from the row to its StaffMember."""
    return (
        Q(body_id__in=access.staff_body_ids)
        | Q(**{f"{staff}department_id__in": access.headed_department_ids})
        | Q(**{f"{staff}pk": access.staff_id})
    )


def scope_personal(qs: QuerySet, access: Access) -> QuerySet:
    return qs.filter(personal_rows(access))


def bodies_where(perm: Any) -> ScopeRule:
    """The rule "rows of the bodies where the viewer holds `perm`" (a core.access.Perm)."""

    def rule(qs: QuerySet, access: Access) -> QuerySet:
        return qs.filter(body_id__in=access.body_ids_with(perm))

    return rule


def scope_known_bodies(qs: QuerySet, access: Access) -> QuerySet:
    """Rows every member of the owning body may read (published plans, catalogues)."""
    return qs.filter(body_id__in=access.known_body_ids)


class ScopedManager(models.Manager):
    def get_queryset(self) -> models.QuerySet:
        raise UnscopedQueryError(
            f"{self.model.__name__}.objects は visible_to(access) を通してのみ使えます。"
        )

    def visible_to(self, access: Access) -> models.QuerySet:
        return scope_queryset(super().get_queryset(), access)


class BodyOwnedModel(models.Model):
    """A row that belongs to one body (団体), the unit of data ownership."""

    unscoped: Any = models.Manager()
    objects: Any = ScopedManager()

    class Meta:
        abstract = True
        default_manager_name = "unscoped"
        base_manager_name = "unscoped"
