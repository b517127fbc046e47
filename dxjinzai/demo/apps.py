from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "dxjinzai.demo"
    label = "demo"
    verbose_name = "デモデータ"
