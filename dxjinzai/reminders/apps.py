from django.apps import AppConfig


class RemindersConfig(AppConfig):
    name = "dxjinzai.reminders"
    label = "reminders"
    verbose_name = "お知らせ・カレンダー"

    def ready(self) -> None:
        # The rows of this app's models each viewer sees (core.scoping's registry).
        from dxjinzai.core.scoping import register_scope_rules
        from dxjinzai.reminders.scopes import SCOPE_RULES

        register_scope_rules(SCOPE_RULES)
