from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dxjinzai.core"
    label = "core"
    verbose_name = "基盤"
