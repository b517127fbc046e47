from django.urls import path

from dxjinzai.improvements import proposal_views, views

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
    path("b/<str:body_key>/projects/", proposal_views.project_list, name="project_list"),
    path("b/<str:body_key>/projects/new/", proposal_views.project_create, name="project_create"),
    path(
        "b/<str:body_key>/projects/<int:pk>/", proposal_views.project_detail, name="project_detail"
    ),
    path(
        "b/<str:body_key>/projects/<int:pk>/edit/",
        proposal_views.project_edit,
        name="project_edit",
    ),
    path(
        "b/<str:body_key>/projects/<int:pk>/milestones/",
        proposal_views.milestone_add,
        name="milestone_add",
    ),
    path(
        "b/<str:body_key>/projects/milestones/<int:pk>/done/",
        proposal_views.milestone_done,
        name="milestone_done",
    ),
    path(
        "b/<str:body_key>/projects/milestones/<int:pk>/edit/",
        proposal_views.milestone_edit,
        name="milestone_edit",
    ),
    path(
        "b/<str:body_key>/projects/milestones/<int:pk>/delete/",
        proposal_views.milestone_delete,
        name="milestone_delete",
    ),
    path(
        "b/<str:body_key>/projects/<int:pk>/issues/",
        proposal_views.project_issues,
        name="project_issues",
    ),
    path(
        "b/<str:body_key>/projects/<int:pk>/issues/new/",
        proposal_views.project_issues_add,
        name="project_issues_add",
    ),
    path(
        "b/<str:body_key>/projects/issues/<int:pk>/edit/",
        proposal_views.project_issue_edit,
        name="project_issue_edit",
    ),
    path(
        "b/<str:body_key>/projects/issues/<int:pk>/delete/",
        proposal_views.project_issue_delete,
        name="project_issue_delete",
    ),
    path("b/<str:body_key>/proposals/", proposal_views.proposal_list, name="proposal_list"),
    path("b/<str:body_key>/proposals/new/", proposal_views.proposal_create, name="proposal_create"),
    path(
        "b/<str:body_key>/proposals/<int:pk>/",
        proposal_views.proposal_detail,
        name="proposal_detail",
    ),
    path(
        "b/<str:body_key>/proposals/<int:pk>/edit/",
        proposal_views.proposal_edit,
        name="proposal_edit",
    ),
    path(
        "b/<str:body_key>/proposals/<int:pk>/delete/",
        proposal_views.proposal_delete,
        name="proposal_delete",
    ),
    path(
        "b/<str:body_key>/proposals/<int:pk>/decision/",
        proposal_views.proposal_decide,
        name="proposal_decide",
    ),
    path(
        "b/<str:body_key>/proposals/<int:pk>/effect/",
        proposal_views.proposal_effect,
        name="proposal_effect",
    ),
    path(
        "b/<str:body_key>/proposals/<int:pk>/files/<str:which>/",
        proposal_views.proposal_file,
        name="proposal_file",
    ),
]
