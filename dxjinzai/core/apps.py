from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "dxjinzai.core"
    label = "core"
    verbose_name = "基盤"

    def ready(self) -> None:
        # The rows of this app's models each viewer sees (core.scoping's registry).
        from dxjinzai.core.scopes import SCOPE_RULES
        from dxjinzai.core.scoping import register_scope_rules

        register_scope_rules(SCOPE_RULES)
