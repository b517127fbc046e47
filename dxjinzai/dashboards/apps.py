from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "dxjinzai.dashboards"
    label = "dashboards"
    verbose_name = "ダッシュボード"
