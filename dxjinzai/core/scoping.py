"""Fail-closed scoping of body-owned rows.

Every body-owned model has two managers. `objects` refuses to build a query unless it is
told who is asking (`visible_to(access)`), so a forgotten scope is an exception, never a
leak. `unscoped` is for services and internals that have already established the scope;
its name makes each such use easy to find in review.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from dxjinzai.core.access import Access


class UnscopedQueryError(RuntimeError):
    """A body-owned model was queried without saying on whose behalf."""


class ScopedManager(models.Manager):
    def get_queryset(self) -> models.QuerySet:
        raise UnscopedQueryError(
            f"{self.model.__name__}.objects は visible_to(access) を通してのみ使えます。"
        )

    def visible_to(self, access: Access) -> models.QuerySet:
        from dxjinzai.core.access import scope_queryset

        return scope_queryset(super().get_queryset(), access)


class BodyOwnedModel(models.Model):
    """A row that belongs to one body (団体), the unit of data ownership."""

    unscoped: Any = models.Manager()
    objects: Any = ScopedManager()

    class Meta:
        abstract = True
        default_manager_name = "unscoped"
        base_manager_name = "unscoped"
