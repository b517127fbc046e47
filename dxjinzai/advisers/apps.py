from django.apps import AppConfig


class AdvisersConfig(AppConfig):
    name = "dxjinzai.advisers"
    label = "advisers"
    verbose_name = "外部アドバイザー"

    def ready(self) -> None:
        # The rows of this app's models each viewer sees (core.scoping's registry).
        from dxjinzai.advisers.attention import waiting_in_advisers
        from dxjinzai.advisers.scopes import SCOPE_RULES
        from dxjinzai.core.scoping import register_scope_rules
        from dxjinzai.organizations.attention import register_waiting

        register_scope_rules(SCOPE_RULES)
        # The inbox: terms ending and reports to accept (officers), reports to file (the
        # adviser), adopted ideas to carry out (the owner division's head).
        register_waiting(waiting_in_advisers)
