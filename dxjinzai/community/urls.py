from django.urls import path

from dxjinzai.community import views

urlpatterns = [
    path("community/", views.community_list, name="community_list"),
    path("b/<str:body_key>/community/new/", views.community_create, name="community_create"),
    path("community/<int:pk>/", views.community_detail, name="community_detail"),
    path("community/<int:pk>/edit/", views.community_edit, name="community_edit"),
    path("community/<int:pk>/events/new/", views.event_create, name="event_create"),
    path("community/events/<int:pk>/", views.event_detail, name="event_detail"),
    path("community/events/<int:pk>/edit/", views.event_edit, name="event_edit"),
    path("community/events/<int:pk>/register/", views.event_register, name="event_register"),
    path("community/events/<int:pk>/cancel/", views.event_cancel, name="event_cancel"),
    path(
        "community/events/<int:pk>/attendance/",
        views.event_attendance,
        name="event_attendance",
    ),
    path("community/events/<int:pk>/event.ics", views.event_ics, name="event_ics"),
    path("community/events/<int:pk>/material/", views.event_material, name="event_material"),
    path("community/posts/<int:pk>/", views.post_detail, name="post_detail"),
    path("community/posts/<int:pk>/edit/", views.post_edit, name="post_edit"),
    path("community/posts/<int:pk>/delete/", views.post_delete, name="post_delete"),
    path("community/comments/<int:pk>/delete/", views.comment_delete, name="comment_delete"),
    path(
        "community/calendar/<str:token>.ics",
        views.community_calendar,
        name="community_calendar",
    ),
]
