from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "dxjinzai.training"
    label = "training"
    verbose_name = "研修"
