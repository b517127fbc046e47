from django.urls import path

from dxjinzai.improvements import views

urlpatterns = [
    path("b/<str:body_key>/improvements/", views.improvement_list, name="improvement_list"),
    path("b/<str:body_key>/improvements/new/", views.improvement_create, name="improvement_create"),
    path(
        "b/<str:body_key>/improvements/<int:pk>/edit/",
        views.improvement_edit,
        name="improvement_edit",
    ),
    path(
        "b/<str:body_key>/improvements/<int:pk>/delete/",
        views.improvement_delete,
        name="improvement_delete",
    ),
    path(
        "b/<str:body_key>/improvements/<int:pk>/recommend/",
        views.improvement_recommend,
        name="improvement_recommend",
    ),
    path("b/<str:body_key>/systems/", views.system_list, name="system_list"),
    path("b/<str:body_key>/systems/new/", views.system_create, name="system_create"),
    path("b/<str:body_key>/systems/<int:pk>/edit/", views.system_edit, name="system_edit"),
    path("b/<str:body_key>/systems/<int:pk>/delete/", views.system_delete, name="system_delete"),
]
