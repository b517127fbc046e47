from django.urls import path

from dxjinzai.subsidies import views

urlpatterns = [
    path("b/<str:body_key>/subsidies/", views.subsidy_home, name="subsidy_home"),
    path("b/<str:body_key>/subsidies/scheme/", views.scheme_edit, name="subsidy_scheme_edit"),
    path(
        "b/<str:body_key>/subsidies/<int:pk>/decide/",
        views.subsidy_decide,
        name="subsidy_decide",
    ),
    path(
        "b/<str:body_key>/subsidies/<int:pk>/receipt/",
        views.subsidy_receipt,
        name="subsidy_receipt",
    ),
    path("b/<str:body_key>/subsidies/payments/", views.subsidy_payments, name="subsidy_payments"),
    path(
        "b/<str:body_key>/subsidies/statistics/",
        views.subsidy_statistics,
        name="subsidy_statistics",
    ),
    path("mypage/subsidies/", views.my_subsidies, name="my_subsidies"),
    path("mypage/subsidies/<int:pk>/result/", views.my_subsidy_result, name="my_subsidy_result"),
    path(
        "mypage/subsidies/<int:pk>/withdraw/",
        views.my_subsidy_withdraw,
        name="my_subsidy_withdraw",
    ),
]
