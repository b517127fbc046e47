from django.apps import AppConfig


class SkillsConfig(AppConfig):
    name = "dxjinzai.skills"
    label = "skills"
    verbose_name = "人材像・スキル・資格"
