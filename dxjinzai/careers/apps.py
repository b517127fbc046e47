from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "dxjinzai.careers"
    label = "careers"
    verbose_name = "極めたい分野挑戦制度"

    def ready(self) -> None:
        # The rows of this app's models each viewer sees (core.scoping's registry).
        from dxjinzai.careers.attention import waiting_in_careers
        from dxjinzai.careers.scopes import SCOPE_RULES
        from dxjinzai.core.scoping import register_scope_rules
        from dxjinzai.organizations.attention import register_waiting

        register_scope_rules(SCOPE_RULES)
        # The inbox: applications for HR to decide.
        register_waiting(waiting_in_careers)
