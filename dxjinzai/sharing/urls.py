from django.urls import path

from dxjinzai.sharing import support_views, views

urlpatterns = [
    path("b/<str:body_key>/sharing/pool/", views.pool_list, name="pool_list"),
    path("b/<str:body_key>/sharing/pool/new/", views.pool_member_create, name="pool_member_create"),
    path(
        "b/<str:body_key>/sharing/pool/<int:pk>/",
        views.pool_member_detail,
        name="pool_member_detail",
    ),
    path(
        "b/<str:body_key>/sharing/pool/<int:pk>/assignments/",
        views.assignment_create,
        name="assignment_create",
    ),
    path(
        "b/<str:body_key>/sharing/pool/<int:pk>/costs/",
        views.monthly_cost_set,
        name="monthly_cost_set",
    ),
    path(
        "b/<str:body_key>/sharing/costs/import/",
        views.monthly_cost_import,
        name="monthly_cost_import",
    ),
    path(
        "b/<str:body_key>/sharing/pool/<int:pk>/edit/",
        views.pool_member_edit,
        name="pool_member_edit",
    ),
    path(
        "b/<str:body_key>/sharing/pool/<int:pk>/withdraw/",
        views.pool_member_withdraw,
        name="pool_member_withdraw",
    ),
    path(
        "b/<str:body_key>/sharing/assignments/<int:pk>/end/",
        views.assignment_end,
        name="assignment_end",
    ),
    path("b/<str:body_key>/sharing/charges/", views.charge_list, name="charge_list"),
    path(
        "b/<str:body_key>/sharing/charges/<int:fiscal_year>/to/<int:host_pk>/",
        views.charge_statement_issued,
        name="charge_statement_issued",
    ),
    path(
        "b/<str:body_key>/sharing/charges/<int:fiscal_year>/from/<int:employer_pk>/",
        views.charge_statement_received,
        name="charge_statement_received",
    ),
    path(
        "b/<str:body_key>/sharing/charges/<int:fiscal_year>/to/<int:host_pk>/invoice/",
        views.charge_invoice,
        name="charge_invoice",
    ),
    path(
        "b/<str:body_key>/sharing/charges/<int:fiscal_year>/to/<int:host_pk>/paid/",
        views.charge_paid,
        name="charge_paid",
    ),
    path("b/<str:body_key>/sharing/contracts/", views.contract_list, name="contract_list"),
    path("b/<str:body_key>/sharing/contracts/new/", views.contract_create, name="contract_create"),
    path(
        "b/<str:body_key>/sharing/contracts/<int:pk>/",
        views.contract_detail,
        name="contract_detail",
    ),
    path(
        "b/<str:body_key>/sharing/contracts/<int:pk>/edit/",
        views.contract_edit,
        name="contract_edit",
    ),
    path(
        "b/<str:body_key>/sharing/contracts/<int:pk>/usage/",
        views.contract_usage,
        name="contract_usage",
    ),
    path(
        "b/<str:body_key>/sharing/contracts/<int:pk>/activities/",
        views.activity_create,
        name="activity_create",
    ),
    path("b/<str:body_key>/sharing/activities/", views.activity_list, name="activity_list"),
    path("b/<str:body_key>/support/", support_views.support_list, name="support_list"),
    path("b/<str:body_key>/support/new/", support_views.support_create, name="support_create"),
    path("b/<str:body_key>/support/<int:pk>/", support_views.support_detail, name="support_detail"),
    path(
        "b/<str:body_key>/support/<int:pk>/reply/",
        support_views.support_reply,
        name="support_reply",
    ),
    path(
        "b/<str:body_key>/support/<int:pk>/assign/",
        support_views.support_assign,
        name="support_assign",
    ),
    path(
        "b/<str:body_key>/support/<int:pk>/close/",
        support_views.support_close,
        name="support_close",
    ),
    path(
        "b/<str:body_key>/support/<int:pk>/files/<int:message_pk>/",
        support_views.support_attachment,
        name="support_attachment",
    ),
]
