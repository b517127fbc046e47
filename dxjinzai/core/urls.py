from django.contrib.auth import views as auth_views
from django.urls import path

from dxjinzai.core import views
from dxjinzai.core.access import any_signed_in_user

urlpatterns = [
    path("healthz", views.health, name="health"),
    path("b/<str:body_key>/audit/", views.audit_log, name="audit_log"),
    path(
        "b/<str:body_key>/access-records/",
        views.access_record_list_view,
        name="access_record_list",
    ),
    path("b/<str:body_key>/api-tokens/", views.api_token_list, name="api_token_list"),
    path(
        "b/<str:body_key>/api-tokens/<int:pk>/revoke/",
        views.api_token_revoke_view,
        name="api_token_revoke",
    ),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", any_signed_in_user(auth_views.LogoutView.as_view()), name="logout"),
    path(
        "accounts/password/",
        any_signed_in_user(auth_views.PasswordChangeView.as_view()),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        any_signed_in_user(auth_views.PasswordChangeDoneView.as_view()),
        name="password_change_done",
    ),
]
