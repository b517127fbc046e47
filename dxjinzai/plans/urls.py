from django.urls import path

from dxjinzai.plans import views

urlpatterns = [
    path("b/<str:body_key>/plans/targets/", views.target_list, name="target_list"),
    path("b/<str:body_key>/plans/targets/new/", views.target_create, name="target_create"),
    path("b/<str:body_key>/plans/targets/<int:pk>/", views.target_detail, name="target_detail"),
    path(
        "b/<str:body_key>/plans/targets/<int:pk>/actual/",
        views.target_actual,
        name="target_actual",
    ),
]
