from django.urls import path

from dxjinzai.plans import views

urlpatterns = [
    path("b/<str:body_key>/plans/targets/", views.target_list, name="target_list"),
    path("b/<str:body_key>/plans/targets/new/", views.target_create, name="target_create"),
    path(
        "b/<str:body_key>/plans/targets/presets/",
        views.target_preset_load,
        name="target_preset_load",
    ),
    path("b/<str:body_key>/plans/targets/<int:pk>/", views.target_detail, name="target_detail"),
    path(
        "b/<str:body_key>/plans/targets/<int:pk>/actual/",
        views.target_actual,
        name="target_actual",
    ),
    path(
        "b/<str:body_key>/plans/targets/<int:pk>/edit/",
        views.target_edit,
        name="target_edit",
    ),
    path(
        "b/<str:body_key>/plans/certifications/",
        views.certification_home,
        name="certification_home",
    ),
    path(
        "b/<str:body_key>/plans/certifications/rules/new/",
        views.certification_rule_create,
        name="certification_rule_create",
    ),
    path(
        "b/<str:body_key>/plans/certifications/rules/<int:pk>/",
        views.certification_candidates,
        name="certification_candidates",
    ),
    path(
        "b/<str:body_key>/plans/certifications/rules/<int:pk>/edit/",
        views.certification_rule_edit,
        name="certification_rule_edit",
    ),
    path(
        "b/<str:body_key>/plans/certifications/rules/<int:pk>/approve/",
        views.certification_approve,
        name="certification_approve",
    ),
    path(
        "b/<str:body_key>/plans/certifications/<int:pk>/revoke/",
        views.certification_revoke,
        name="certification_revoke",
    ),
    path(
        "b/<str:body_key>/plans/certifications/<int:pk>/pdf/",
        views.certification_pdf,
        name="certification_pdf",
    ),
]
