from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "dxjinzai.plans"
    label = "plans"
    verbose_name = "目標（KPI）"

    def ready(self) -> None:
        # The rows of this app's models each viewer sees (core.scoping's registry).
        from dxjinzai.core.scoping import register_scope_rules
        from dxjinzai.plans.scopes import SCOPE_RULES

        register_scope_rules(SCOPE_RULES)
