from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "dxjinzai.sharing"
    label = "sharing"
    verbose_name = "人材の共有"
