from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "dxjinzai.plans"
    label = "plans"
    verbose_name = "目標（KPI）"
