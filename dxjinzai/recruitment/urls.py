from django.urls import path

from dxjinzai.recruitment import public_views, views

urlpatterns = [
    path("b/<str:body_key>/recruitment/", views.posting_list, name="posting_list"),
    path("b/<str:body_key>/recruitment/new/", views.posting_create, name="posting_create"),
    path("b/<str:body_key>/recruitment/stages/", views.pipeline_settings, name="pipeline_settings"),
    path("b/<str:body_key>/recruitment/<int:pk>/", views.posting_detail, name="posting_detail"),
    path("b/<str:body_key>/recruitment/<int:pk>/edit/", views.posting_edit, name="posting_edit"),
    path(
        "b/<str:body_key>/recruitment/<int:pk>/publish/",
        views.posting_publish,
        name="posting_publish",
    ),
    path(
        "b/<str:body_key>/recruitment/<int:pk>/photos/", views.posting_photos, name="posting_photos"
    ),
    path(
        "b/<str:body_key>/recruitment/<int:pk>/photos/<int:photo_pk>/delete/",
        views.posting_photo_delete,
        name="posting_photo_delete",
    ),
    path(
        "b/<str:body_key>/recruitment/<int:pk>/criteria/",
        views.posting_criteria,
        name="posting_criteria",
    ),
    path(
        "b/<str:body_key>/recruitment/<int:pk>/applicants/",
        views.applicants_act,
        name="applicants_act",
    ),
    path(
        "b/<str:body_key>/recruitment/<int:pk>/compare/",
        views.applicants_compare,
        name="applicants_compare",
    ),
    path(
        "b/<str:body_key>/recruitment/<int:pk>/funnel/", views.posting_funnel, name="posting_funnel"
    ),
    path(
        "b/<str:body_key>/recruitment/applicants/<int:pk>/",
        views.applicant_detail,
        name="applicant_detail",
    ),
    path(
        "b/<str:body_key>/recruitment/applicants/<int:pk>/cv/",
        views.applicant_cv,
        name="applicant_cv",
    ),
    path(
        "b/<str:body_key>/recruitment/applicants/<int:pk>/interviews/new/",
        views.interview_create,
        name="interview_create",
    ),
    path(
        "b/<str:body_key>/recruitment/interviews/<int:pk>/",
        views.interview_edit,
        name="interview_edit",
    ),
    path(
        "b/<str:body_key>/recruitment/applicants/<int:pk>/hire/",
        views.applicant_hire,
        name="applicant_hire",
    ),
    path("b/<str:body_key>/recruitment/year/", views.recruitment_year, name="recruitment_year"),
    path("recruitment/consortium/", views.consortium_recruitment, name="consortium_recruitment"),
    path("recruitment/interviews/", views.my_interviews, name="my_interviews"),
    path("recruitment/interviews/<int:pk>/", views.interview_score, name="interview_score"),
    # Public pages: people outside LGWAN apply here (no sign-in).
    path("jobs/b/<str:body_key>/", public_views.job_list, name="job_list"),
    path("jobs/<int:pk>/", public_views.job_detail, name="job_detail"),
    path("jobs/photos/<int:pk>/", public_views.job_photo, name="job_photo"),
    path("jobs/confirm/<str:token>/", public_views.job_confirm, name="job_confirm"),
    path("jobs/erase/<str:token>/", public_views.job_erase, name="job_erase"),
]
