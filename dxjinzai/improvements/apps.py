from django.apps import AppConfig


class ImprovementsConfig(AppConfig):
    name = "dxjinzai.improvements"
    label = "improvements"
    verbose_name = "業務改善"

    def ready(self) -> None:
        # The rows of this app's models each viewer sees (core.scoping's registry).
        from dxjinzai.core.scoping import register_scope_rules
        from dxjinzai.improvements.scopes import SCOPE_RULES

        register_scope_rules(SCOPE_RULES)
        # The person's record shows the improvement projects they took part in (真岡市's
        # DX人材認定 looks at them too).
        from dxjinzai.improvements.record import projects_section
        from dxjinzai.training.record import register_record_section

        register_record_section(projects_section)
