from django.apps import AppConfig


class SubsidiesConfig(AppConfig):
    name = "dxjinzai.subsidies"
    label = "subsidies"
    verbose_name = "受験料補助"

    def ready(self) -> None:
        # The rows of this app's models each viewer sees (core.scoping's registry).
        from dxjinzai.core.scoping import register_scope_rules
        from dxjinzai.organizations.attention import register_waiting
        from dxjinzai.subsidies.attention import waiting_subsidies
        from dxjinzai.subsidies.scopes import SCOPE_RULES

        register_scope_rules(SCOPE_RULES)
        # The home page lists what waits for the viewer here.
        register_waiting(waiting_subsidies)
