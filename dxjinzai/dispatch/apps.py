from django.apps import AppConfig


class DispatchConfig(AppConfig):
    name = "dxjinzai.dispatch"
    label = "dispatch"
    verbose_name = "専門家派遣"

    def ready(self) -> None:
        # The rows of this app's models each viewer sees (core.scoping's registry).
        from dxjinzai.core.scoping import register_scope_rules
        from dxjinzai.dispatch.attention import waiting_for_the_expert, waiting_requests
        from dxjinzai.dispatch.scopes import SCOPE_RULES
        from dxjinzai.organizations.attention import register_waiting

        register_scope_rules(SCOPE_RULES)
        # The home page lists what waits for the viewer here.
        register_waiting(waiting_requests)
        register_waiting(waiting_for_the_expert)
