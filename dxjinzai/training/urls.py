from django.urls import path

from dxjinzai.training import talent_views, views

urlpatterns = [
    path(
        "b/<str:body_key>/staff/<staff_number:number>/talent/",
        talent_views.staff_talent,
        name="staff_talent",
    ),
    path("b/<str:body_key>/talent/search/", talent_views.talent_search, name="talent_search"),
    path("mypage/", views.my_page, name="my_page"),
    path("b/<str:body_key>/training/courses/", views.course_list, name="course_list"),
    path("b/<str:body_key>/training/courses/new/", views.course_create, name="course_create"),
    path("training/courses/<int:pk>/", views.course_detail, name="course_detail"),
    path("training/courses/<int:pk>/edit/", views.course_edit, name="course_edit"),
    path("training/courses/<int:pk>/delete/", views.course_delete, name="course_delete"),
    path("training/sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path("training/sessions/<int:pk>/delete/", views.session_delete, name="session_delete"),
    path(
        "training/applications/<int:pk>/cancel/",
        views.application_cancel,
        name="application_cancel",
    ),
    path(
        "b/<str:body_key>/training/requirements/<int:pk>/edit/",
        views.requirement_edit,
        name="requirement_edit",
    ),
    path(
        "b/<str:body_key>/training/requirements/<int:pk>/delete/",
        views.requirement_delete,
        name="requirement_delete",
    ),
    path("training/courses/<int:pk>/sessions/new/", views.session_create, name="session_create"),
    path("training/sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("training/sessions/<int:pk>/apply/", views.session_apply, name="session_apply"),
    path("training/sessions/<int:pk>/nominate/", views.session_nominate, name="session_nominate"),
    path(
        "training/sessions/<int:pk>/attendance/",
        views.attendance_upload,
        name="attendance_upload",
    ),
    path(
        "training/applications/<int:pk>/decide/",
        views.application_decide,
        name="application_decide",
    ),
    path(
        "training/applications/<int:pk>/complete/",
        views.application_complete,
        name="application_complete",
    ),
    path(
        "training/completions/<int:pk>/certificate/",
        views.completion_certificate,
        name="completion_certificate",
    ),
    path("training/applications/<int:pk>/survey/", views.survey_answer, name="survey_answer"),
    path(
        "b/<str:body_key>/training/requirements/", views.requirement_list, name="requirement_list"
    ),
    path(
        "b/<str:body_key>/training/requirements/new/",
        views.requirement_create,
        name="requirement_create",
    ),
    path("b/<str:body_key>/training/import/", views.records_import, name="records_import"),
    path("b/<str:body_key>/training/missing/", views.missing_list, name="missing_list"),
]
