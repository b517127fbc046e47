from django.urls import path

from dxjinzai.dispatch import views

urlpatterns = [
    path("dispatch/", views.dispatch_home, name="dispatch_home"),
    path("dispatch/<int:scheme_id>/requests/", views.request_list, name="dispatch_requests"),
    path(
        "dispatch/<int:scheme_id>/requests/new/",
        views.request_create,
        name="dispatch_request_create",
    ),
    path(
        "dispatch/<int:scheme_id>/requests/<int:pk>/",
        views.request_detail,
        name="dispatch_request_detail",
    ),
    path(
        "dispatch/<int:scheme_id>/requests/<int:pk>/assign/",
        views.request_assign,
        name="dispatch_request_assign",
    ),
    path(
        "dispatch/<int:scheme_id>/requests/<int:pk>/status/",
        views.request_status,
        name="dispatch_request_status",
    ),
    path(
        "dispatch/<int:scheme_id>/requests/<int:pk>/activities/new/",
        views.activity_create,
        name="dispatch_activity_create",
    ),
    path(
        "dispatch/<int:scheme_id>/activities/<int:pk>/report/",
        views.activity_report,
        name="dispatch_activity_report",
    ),
    path("dispatch/<int:scheme_id>/experts/", views.expert_list, name="dispatch_experts"),
    path(
        "dispatch/<int:scheme_id>/experts/new/", views.expert_create, name="dispatch_expert_create"
    ),
    path("dispatch/<int:scheme_id>/matching/", views.batch_matching, name="dispatch_matching"),
    path("dispatch/<int:scheme_id>/statistics/", views.statistics, name="dispatch_statistics"),
    path("dispatch/<int:scheme_id>/payments/", views.payments, name="dispatch_payments"),
    path(
        "dispatch/<int:scheme_id>/payments/paid/",
        views.payments_mark_paid,
        name="dispatch_payments_paid",
    ),
    path("dispatch/<int:scheme_id>/settings/", views.scheme_settings, name="dispatch_settings"),
    path(
        "dispatch/<int:scheme_id>/experts/<int:pk>/edit/",
        views.expert_edit,
        name="dispatch_expert_edit",
    ),
    path(
        "dispatch/<int:scheme_id>/experts/<int:pk>/withdraw/",
        views.expert_withdraw,
        name="dispatch_expert_withdraw",
    ),
    path(
        "dispatch/<int:scheme_id>/experts/<int:pk>/availability/",
        views.expert_availability,
        name="dispatch_expert_availability",
    ),
    path(
        "dispatch/<int:scheme_id>/requests/<int:pk>/confirm/",
        views.request_confirm,
        name="dispatch_request_confirm",
    ),
    path(
        "dispatch/<int:scheme_id>/experts/<int:pk>/statement/",
        views.payment_statement,
        name="dispatch_payment_statement",
    ),
    path(
        "dispatch/<int:scheme_id>/public-request/",
        views.public_request,
        name="dispatch_public_request",
    ),
    path(
        "dispatch/<int:scheme_id>/public-request/confirm/<str:token>/",
        views.public_confirm,
        name="dispatch_public_confirm",
    ),
    path(
        "dispatch/<int:scheme_id>/submissions/", views.submission_list, name="dispatch_submissions"
    ),
    path(
        "dispatch/<int:scheme_id>/submissions/<int:pk>/decide/",
        views.submission_decide,
        name="dispatch_submission_decide",
    ),
]
