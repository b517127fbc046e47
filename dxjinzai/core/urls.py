from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path

from dxjinzai.core import second_factor_views, session_views, views
from dxjinzai.core.access import any_signed_in_user
from dxjinzai.core.middleware import second_factor_exempt
from dxjinzai.core.password_links import link_hours

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
    path(
        "accounts/logout/",
        second_factor_exempt(any_signed_in_user(auth_views.LogoutView.as_view())),
        name="logout",
    ),
    path("accounts/second-factor/", second_factor_views.second_factor_page, name="second_factor"),
    path(
        "accounts/second-factor/setup/",
        second_factor_views.second_factor_setup,
        name="second_factor_setup",
    ),
    path(
        "accounts/second-factor/verify/",
        second_factor_views.second_factor_verify,
        name="second_factor_verify",
    ),
    path(
        "accounts/second-factor/recovery-codes/",
        second_factor_views.recovery_codes_renew,
        name="recovery_codes_renew",
    ),
    path(
        "accounts/second-factor/off/",
        second_factor_views.second_factor_off,
        name="second_factor_off",
    ),
    path(
        "accounts/password/",
        any_signed_in_user(session_views.PasswordChangeView.as_view()),
        name="password_change",
    ),
    path("accounts/sessions/", session_views.my_sessions, name="my_sessions"),
    path("accounts/sessions/<int:pk>/end/", session_views.session_end, name="session_end"),
    path(
        "accounts/sessions/end-others/",
        session_views.sessions_end_others,
        name="sessions_end_others",
    ),
    # A forgotten password, and the page an invitation's link opens (docs/sign-in.md).
    path(
        "accounts/password/reset/",
        session_views.PasswordResetView.as_view(
            email_template_name="registration/password_reset_email.txt",
            extra_email_context={"timeout_hours": link_hours(), "site_url": settings.SITE_URL},
            extra_context={"timeout_hours": link_hours()},
        ),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(extra_context={"timeout_hours": link_hours()}),
        name="password_reset_done",
    ),
    path(
        "accounts/password/set/<uidb64>/<token>/",
        session_views.PasswordSetView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/set/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "accounts/password/done/",
        any_signed_in_user(auth_views.PasswordChangeDoneView.as_view()),
        name="password_change_done",
    ),
]
