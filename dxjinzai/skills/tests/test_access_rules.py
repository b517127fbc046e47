"""Who may write which part of a talent record (skills.access), on the shared cast."""

import pytest
from django.core.exceptions import PermissionDenied

from dxjinzai.organizations.access import access_for_user
from dxjinzai.skills.access import (
    assessor_kind,
    require_profile_editor,
    require_qualification_registrar,
)
from dxjinzai.skills.models import AssessorKind


def test_a_person_assesses_themself_and_their_head_or_hr_as_superior(cast):
    member = cast.staff["A.member"]
    assert assessor_kind(access_for_user(cast.users["A.staff"]), member) == AssessorKind.SELF
    assert assessor_kind(access_for_user(cast.users["A.head"]), member) == AssessorKind.SUPERIOR
    assert assessor_kind(access_for_user(cast.users["A.hr"]), member) == AssessorKind.SUPERIOR


def test_a_colleague_may_neither_assess_nor_register_for_another(cast):
    colleague = access_for_user(cast.users["A.staff"])
    other = cast.staff["A.other"]
    with pytest.raises(PermissionDenied, match="評価できるのは本人、所属長、人事担当者です"):
        assessor_kind(colleague, other)
    with pytest.raises(PermissionDenied, match="資格を登録できるのは本人と人事担当者です"):
        require_qualification_registrar(colleague, other)
    with pytest.raises(PermissionDenied, match="プロフィールを編集できるのは本人と人事担当者です"):
        require_profile_editor(colleague, other)


def test_hr_keeps_anyones_record_and_a_person_their_own(cast):
    require_qualification_registrar(access_for_user(cast.users["A.hr"]), cast.staff["A.other"])
    require_profile_editor(access_for_user(cast.users["A.staff"]), cast.staff["A.member"])
