from django.urls import path

from dxjinzai.organizations import sign_in_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/count/", views.inbox_count, name="inbox_count"),
    path("bodies/", views.body_list, name="body_list"),
    path("bodies/new/", views.body_create, name="body_create"),
    path("b/<str:body_key>/", views.body_detail, name="body_detail"),
    path("b/<str:body_key>/edit/", views.body_edit, name="body_edit"),
    path(
        "b/<str:body_key>/single-sign-on/",
        sign_in_views.single_sign_on_edit,
        name="single_sign_on_edit",
    ),
    # The identity provider sends everyone back to one address, registered with it once.
    path(
        "accounts/sso/callback/",
        sign_in_views.single_sign_on_callback,
        name="single_sign_on_callback",
    ),
    path(
        "accounts/sso/<str:body_key>/",
        sign_in_views.single_sign_on_start,
        name="single_sign_on_start",
    ),
    path("b/<str:body_key>/departments/", views.department_list, name="department_list"),
    path("b/<str:body_key>/departments/new/", views.department_create, name="department_create"),
    path(
        "b/<str:body_key>/departments/<int:pk>/edit/", views.department_edit, name="department_edit"
    ),
    path(
        "b/<str:body_key>/departments/<int:pk>/members/",
        views.department_members,
        name="department_members",
    ),
    path(
        "b/<str:body_key>/departments/<int:pk>/members/days/",
        views.work_days_record,
        name="work_days_record",
    ),
    path("b/<str:body_key>/staff/", views.staff_list, name="staff_list"),
    path("b/<str:body_key>/staff/new/", views.staff_create, name="staff_create"),
    path("b/<str:body_key>/staff/import/", views.staff_import, name="staff_import"),
    path("b/<str:body_key>/imports/", views.import_run_list, name="import_run_list"),
    path("b/<str:body_key>/imports/<int:pk>/", views.import_run_detail, name="import_run_detail"),
    path(
        "b/<str:body_key>/imports/<int:pk>/commit/",
        views.import_run_commit_checked,
        name="import_run_commit",
    ),
    path("b/<str:body_key>/staff/<staff_number:number>/", views.staff_detail, name="staff_detail"),
    path("b/<str:body_key>/staff/<staff_number:number>/edit/", views.staff_edit, name="staff_edit"),
    path(
        "b/<str:body_key>/staff/<staff_number:number>/appointments/new/",
        views.appointment_create,
        name="appointment_create",
    ),
    path(
        "b/<str:body_key>/staff/<staff_number:number>/appointments/<int:pk>/edit/",
        views.appointment_edit,
        name="appointment_edit",
    ),
    path("b/<str:body_key>/accounts/", views.account_list, name="account_list"),
    path("b/<str:body_key>/accounts/new/", views.account_create, name="account_create"),
    path("b/<str:body_key>/accounts/roles/new/", views.role_grant_create, name="role_grant_create"),
    path("b/<str:body_key>/head-moves/", views.head_moves, name="head_moves"),
    path(
        "b/<str:body_key>/head-moves/<int:pk>/",
        views.head_move_confirm,
        name="head_move_confirm",
    ),
    path(
        "b/<str:body_key>/accounts/<int:pk>/second-factor-reset/",
        views.account_second_factor_reset,
        name="account_second_factor_reset",
    ),
    path(
        "b/<str:body_key>/accounts/<int:pk>/invite/",
        views.account_invite,
        name="account_invite",
    ),
    path(
        "b/<str:body_key>/accounts/<int:pk>/reactivate/",
        views.account_reactivate,
        name="account_reactivate",
    ),
    path(
        "b/<str:body_key>/accounts/roles/<int:pk>/revoke/",
        views.role_grant_revoke,
        name="role_grant_revoke",
    ),
]
