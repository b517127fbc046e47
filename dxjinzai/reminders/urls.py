from django.urls import path

from dxjinzai.reminders import views

urlpatterns = [
    path("reminders/", views.reminder_settings, name="reminder_settings"),
    path("reminders/calendar/renew/", views.calendar_renew, name="calendar_renew"),
    path("reminders/calendar/revoke/", views.calendar_revoke, name="calendar_revoke"),
    path(
        "b/<str:body_key>/reminders/calendar/renew/",
        views.body_calendar_renew,
        name="body_calendar_renew",
    ),
    path(
        "b/<str:body_key>/reminders/calendar/revoke/",
        views.body_calendar_revoke,
        name="body_calendar_revoke",
    ),
    # Fetched by calendar applications: the secret in the address is the credential.
    path("calendar/<str:token>.ics", views.person_calendar, name="person_calendar"),
    path("calendar/body/<str:token>.ics", views.body_calendar, name="body_calendar"),
]
