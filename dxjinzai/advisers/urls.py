from django.urls import path

from dxjinzai.advisers import views

_TERM = "b/<str:body_key>/advisers/<int:pk>/"

urlpatterns = [
    path("b/<str:body_key>/advisers/", views.term_list, name="term_list"),
    path("b/<str:body_key>/advisers/new/", views.term_create, name="term_create"),
    path(
        "b/<str:body_key>/advisers/partnerships/",
        views.partnership_list,
        name="partnership_list",
    ),
    path(
        "b/<str:body_key>/advisers/partnerships/new/",
        views.partnership_create,
        name="partnership_create",
    ),
    path(
        "b/<str:body_key>/advisers/partnerships/<int:pk>/",
        views.partnership_edit,
        name="partnership_edit",
    ),
    path(_TERM, views.term_detail, name="term_detail"),
    path(_TERM + "edit/", views.term_edit, name="term_edit"),
    path(_TERM + "delete/", views.term_delete, name="term_delete"),
    path(_TERM + "renew/", views.term_renew, name="term_renew"),
    path(_TERM + "contract/", views.term_convert, name="term_convert"),
    path(_TERM + "meetings/new/", views.meeting_create, name="meeting_create"),
    path(_TERM + "issues/", views.term_issues, name="term_issues"),
    path(_TERM + "issues/new/", views.issue_create, name="issue_create"),
    path(_TERM + "board/", views.term_board, name="term_board"),
    path(_TERM + "ideas/new/", views.idea_create, name="idea_create"),
    path(_TERM + "report/", views.report_edit, name="report_edit"),
    path(_TERM + "report/accept/", views.report_accept, name="report_accept"),
    path(_TERM + "report/pdf/", views.report_pdf, name="report_pdf"),
    path(_TERM + "report/file/", views.report_file, name="report_file"),
    path("b/<str:body_key>/advisers/meetings/<int:pk>/", views.meeting_edit, name="meeting_edit"),
    path(
        "b/<str:body_key>/advisers/meetings/<int:pk>/delete/",
        views.meeting_delete,
        name="meeting_delete",
    ),
    path(
        "b/<str:body_key>/advisers/meetings/<int:pk>/file/",
        views.meeting_file,
        name="meeting_file",
    ),
    path("b/<str:body_key>/advisers/issues/<int:pk>/", views.issue_edit, name="issue_edit"),
    path(
        "b/<str:body_key>/advisers/issues/<int:pk>/delete/",
        views.issue_delete,
        name="issue_delete",
    ),
    path("b/<str:body_key>/advisers/ideas/<int:pk>/", views.idea_edit, name="idea_edit"),
    path("b/<str:body_key>/advisers/ideas/<int:pk>/delete/", views.idea_delete, name="idea_delete"),
    path("b/<str:body_key>/advisers/ideas/<int:pk>/move/", views.idea_move, name="idea_move"),
    path("advisers/mine/", views.my_terms, name="my_terms"),
]
