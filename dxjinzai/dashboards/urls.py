from django.urls import path

from dxjinzai.dashboards import views

urlpatterns = [
    path("b/<str:body_key>/dashboard/", views.steering, name="steering"),
    path(
        "b/<str:body_key>/dashboard/divisions/", views.division_dashboard, name="division_dashboard"
    ),
    path(
        "b/<str:body_key>/dashboard/divisions/trend/",
        views.division_trend,
        name="division_trend",
    ),
    path(
        "b/<str:body_key>/dashboard/divisions/<int:pk>/",
        views.division_detail,
        name="division_detail",
    ),
    path(
        "b/<str:body_key>/dashboard/coverage/",
        views.division_coverage_view,
        name="division_coverage",
    ),
]
