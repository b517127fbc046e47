from django.apps import AppConfig


class ImprovementsConfig(AppConfig):
    name = "dxjinzai.improvements"
    label = "improvements"
    verbose_name = "業務改善"
