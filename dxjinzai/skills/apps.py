from django.apps import AppConfig


class SkillsConfig(AppConfig):
    name = "dxjinzai.skills"
    label = "skills"
    verbose_name = "人材像・スキル・資格"

    def ready(self) -> None:
        # The rows of this app's models each viewer sees (core.scoping's registry).
        from dxjinzai.core.scoping import register_scope_rules
        from dxjinzai.organizations.attention import register_waiting
        from dxjinzai.skills.attention import expiring_qualifications
        from dxjinzai.skills.scopes import SCOPE_RULES

        register_scope_rules(SCOPE_RULES)
        # The home page lists what waits for the viewer here.
        register_waiting(expiring_qualifications)
