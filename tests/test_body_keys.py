"""Every body-owned table can be distributed by its body (docs/scaling.md): its unique
constraints and its indexes carry the body key. A distributed database (Citus) enforces a
unique constraint only when it includes the distribution column, and an index without it
must visit every node.

The tables written before this rule are listed in KNOWN_GAPS, each with how it is handled
on Citus (docs/scaling.md, "What is not keyed by body yet"). The list is exact: a new gap
fails the test, and so does a gap that was closed without being taken off the list."""

from __future__ import annotations

from django.apps import apps
from django.db import models
from django.test.utils import isolate_apps

from dxjinzai.core.scoping import BodyOwnedModel

BODY = "body"

# Looked up by a secret before any body is known: a small reference table (token → body).
GLOBAL_SECRETS = {
    "core.ApiToken.key_hash",
    "dispatch.PublicSubmission.token",
    "community.Community.calendar_token",
    "recruitment.Applicant.token",
    "reminders.BodyCalendar.token",
}
# A person's account is one across bodies (users are a reference table): one staff record
# and one expert record per account, checked through that table.
ACCOUNT_LINKS = {"organizations.StaffMember.user", "dispatch.Expert.user"}
# One row per parent row of the same body: on Citus the constraint becomes (body, parent).
ONE_PER_PARENT = {
    "skills.TalentProfile.staff",
    "skills.TalentSearchDocument.staff",
    "training.Completion.application",
    "training.SurveyResponse.application",
    "improvements.Proposal.improvement",
    "advisers.AdviserTerm.previous",
    "advisers.AdviserContract.term",
    "advisers.TermReport.term",
    "sharing.PoolMember.staff",
    "dispatch.PublicSubmission.request",
}
# Unique over columns that already fix the body (a staff member, an appointment, a session
# of the body): on Citus the body is added in front, which changes nothing they allow.
BODY_IMPLIED = {
    "organizations.WorkDays.unique_work_days_month",
    "skills.QualificationHolding.unique_qualification_holding",
    "skills.SkillAssessment.unique_assessment",
    "training.Application.unique_application",
    "training.Attendance.unique_attendance_day",
    "training.Completion.unique_completion_day",
    "careers.ChallengeApplication.one_challenge_application",
    "community.Registration.one_registration_a_person",
    "recruitment.ScoreSheet.one_sheet_per_member",
    "sharing.MonthlyCost.unique_monthly_cost",
    "skills.TalentHolding.skills_tale_staff_i_c5a4fa_idx",
    "skills.TalentHolding.skills_tale_staff_i_fe8a64_idx",
}
KNOWN_GAPS = GLOBAL_SECRETS | ACCOUNT_LINKS | ONE_PER_PARENT | BODY_IMPLIED


def gaps_of(model: type[models.Model]) -> set[str]:
    """The unique fields, unique constraints and indexes of a model without its body key."""
    name = f"{model._meta.app_label}.{model.__name__}"
    gaps = {
        f"{name}.{field.name}"
        for field in model._meta.concrete_fields
        if field.unique and not field.primary_key and field.name != BODY
    }
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and BODY not in constraint.fields:
            gaps.add(f"{name}.{constraint.name}")
    for together in model._meta.unique_together:
        if BODY not in together:
            gaps.add(f"{name}.{'_'.join(together)}")
    for index in model._meta.indexes:
        if index.fields and index.fields[0].lstrip("-") != BODY:
            gaps.add(f"{name}.{index.name}")
    return gaps


def body_owned_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models() if issubclass(model, BodyOwnedModel)]


def test_every_body_owned_model_has_a_body_key():
    missing = [
        model.__name__
        for model in body_owned_models()
        if BODY not in {field.name for field in model._meta.concrete_fields}
    ]
    assert missing == []


def test_unique_constraints_and_indexes_carry_the_body_key_or_are_listed():
    found = set().union(*(gaps_of(model) for model in body_owned_models()))
    assert found - KNOWN_GAPS == set(), "new: key them by body, or list them with a reason"
    assert KNOWN_GAPS - found == set(), "closed: take them off KNOWN_GAPS and docs/scaling.md"


@isolate_apps("dxjinzai.core")
def test_the_check_catches_a_planted_model():
    class Planted(BodyOwnedModel):
        body = models.ForeignKey("organizations.Body", on_delete=models.CASCADE)
        reference = models.CharField(max_length=20, unique=True)
        staff_number = models.CharField(max_length=20)

        class Meta:
            app_label = "core"
            constraints = [
                models.UniqueConstraint(fields=["body", "staff_number"], name="keyed"),
                models.UniqueConstraint(fields=["staff_number"], name="unkeyed"),
            ]
            indexes = [
                models.Index(fields=["body", "staff_number"], name="keyed_index"),
                models.Index(fields=["staff_number"], name="unkeyed_index"),
            ]

    assert gaps_of(Planted) == {
        "core.Planted.reference",
        "core.Planted.unkeyed",
        "core.Planted.unkeyed_index",
    }
