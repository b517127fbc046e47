from django.apps import AppConfig


class DispatchConfig(AppConfig):
    name = "dxjinzai.dispatch"
    label = "dispatch"
    verbose_name = "専門家派遣"
