from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "dxjinzai.community"
    label = "community"
    verbose_name = "コミュニティ"

    def ready(self) -> None:
        # The rows of this app's models each viewer sees (core.scoping's registry).
        from dxjinzai.community.scopes import SCOPE_RULES
        from dxjinzai.core.scoping import register_scope_rules

        register_scope_rules(SCOPE_RULES)
