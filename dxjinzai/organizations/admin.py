"""The Django admin is for the platform's superusers only (repairs, not daily work)."""

from django.contrib import admin

from dxjinzai.organizations.models import (
    Appointment,
    Body,
    Consortium,
    Department,
    Grade,
    RoleGrant,
    StaffMember,
)


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "population"]
    search_fields = ["code", "name", "kana"]


@admin.register(Consortium)
class ConsortiumAdmin(admin.ModelAdmin):
    list_display = ["name", "operator"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["body", "code", "name", "valid_from", "valid_to"]
    list_filter = ["body"]


@admin.register(Grade)
class GradeAdmin(admin.ModelAdmin):
    list_display = ["body", "rank", "name", "is_manager"]


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin):
    list_display = ["body", "number", "family_name", "given_name", "status"]
    list_filter = ["body", "status"]
    search_fields = ["number", "family_name", "given_name"]


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ["staff", "body", "kind", "start_date", "end_date", "is_concurrent"]


@admin.register(RoleGrant)
class RoleGrantAdmin(admin.ModelAdmin):
    list_display = ["user", "body", "role", "department"]
