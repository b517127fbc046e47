from django.contrib import admin
from django.urls import include, path

from dxjinzai.core.api import api_not_found, api_urls

admin.site.site_header = "DX人材プラットフォーム 管理サイト"
admin.site.site_title = "DX人材プラットフォーム"

urlpatterns = [
    path("", include("dxjinzai.core.urls")),
    path("", include("dxjinzai.organizations.urls")),
    path("", include("dxjinzai.dispatch.urls")),
    path("", include("dxjinzai.skills.urls")),
    path("", include("dxjinzai.training.urls")),
    path("", include("dxjinzai.dashboards.urls")),
    path("", include("dxjinzai.improvements.urls")),
    path("", include("dxjinzai.advisers.urls")),
    path("", include("dxjinzai.careers.urls")),
    path("", include("dxjinzai.community.urls")),
    path("", include("dxjinzai.subsidies.urls")),
    path("", include("dxjinzai.recruitment.urls")),
    path("", include("dxjinzai.plans.urls")),
    path("", include("dxjinzai.sharing.urls")),
    path("", include("dxjinzai.reminders.urls")),
    path("api/v1/", api_urls()),
    path("api/v1/<path:rest>", api_not_found, name="api_not_found"),
    path("admin/", admin.site.urls),
]
