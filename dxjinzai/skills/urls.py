from django.urls import path

from dxjinzai.skills import views

urlpatterns = [
    path("b/<str:body_key>/talent/frameworks/", views.framework_list, name="framework_list"),
    path("b/<str:body_key>/talent/frameworks/load/", views.framework_load, name="framework_load"),
    path("talent/frameworks/<int:pk>/", views.framework_detail, name="framework_detail"),
    path("talent/frameworks/<int:pk>/edit/", views.framework_edit, name="framework_edit"),
    path("talent/frameworks/<int:pk>/delete/", views.framework_delete, name="framework_delete"),
    path(
        "b/<str:body_key>/talent/qualifications/",
        views.qualification_list,
        name="qualification_list",
    ),
    path(
        "b/<str:body_key>/talent/qualifications/new/",
        views.qualification_create,
        name="qualification_create",
    ),
    path(
        "b/<str:body_key>/talent/qualifications/<int:pk>/edit/",
        views.qualification_edit,
        name="qualification_edit",
    ),
    path(
        "b/<str:body_key>/staff/<staff_number:number>/talent/holdings/new/",
        views.talent_holding_create,
        name="talent_holding_create",
    ),
    path(
        "b/<str:body_key>/staff/<staff_number:number>/talent/qualifications/new/",
        views.qualification_holding_create,
        name="qualification_holding_create",
    ),
    path(
        "b/<str:body_key>/staff/<staff_number:number>/talent/profile/",
        views.talent_profile_edit,
        name="talent_profile_edit",
    ),
    path(
        "b/<str:body_key>/staff/<staff_number:number>/talent/assessment/",
        views.assessment_edit,
        name="assessment_edit",
    ),
    path("talent/types/<int:pk>/targets/", views.skill_targets_edit, name="skill_targets_edit"),
    path("b/<str:body_key>/talent/exams/", views.exam_calendar, name="exam_calendar"),
    path(
        "b/<str:body_key>/talent/exams/<int:pk>/edit/",
        views.exam_date_edit,
        name="exam_date_edit",
    ),
    path(
        "b/<str:body_key>/talent/exams/<int:pk>/delete/",
        views.exam_date_delete,
        name="exam_date_delete",
    ),
]
