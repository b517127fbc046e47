from django.urls import path

from dxjinzai.careers import views

urlpatterns = [
    path("b/<str:body_key>/challenges/", views.challenge_list, name="challenge_list"),
    path("b/<str:body_key>/challenges/new/", views.challenge_create, name="challenge_create"),
    path("b/<str:body_key>/challenges/<int:pk>/", views.challenge_detail, name="challenge_detail"),
    path("b/<str:body_key>/challenges/<int:pk>/edit/", views.challenge_edit, name="challenge_edit"),
    path(
        "b/<str:body_key>/challenges/applications/<int:pk>/decide/",
        views.challenge_decide,
        name="challenge_decide",
    ),
    path("mypage/challenges/", views.my_challenges, name="my_challenges"),
    path("mypage/challenges/<int:pk>/edit/", views.my_challenge_edit, name="my_challenge_edit"),
    path(
        "mypage/challenges/<int:pk>/withdraw/",
        views.my_challenge_withdraw,
        name="my_challenge_withdraw",
    ),
]
