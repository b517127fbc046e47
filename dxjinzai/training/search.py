"""What the talent search (skills.search) may match in training records: the titles of the
courses a person completed, and the condition 「この研修を修了した」. Registered in
TrainingConfig.ready()."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import OuterRef, QuerySet

from dxjinzai.training.models import Completion


def completed_course_titles(staff: Any) -> Iterable[str]:
    return Completion.unscoped.filter(staff=staff).values_list("course__title", flat=True)


def completed_the_course(course_id: int) -> QuerySet:
    return Completion.unscoped.filter(staff=OuterRef("pk"), course_id=course_id)
