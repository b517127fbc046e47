from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "dxjinzai.sharing"
    label = "sharing"
    verbose_name = "人材の共有"

    def ready(self) -> None:
        # The rows of this app's models each viewer sees (core.scoping's registry).
        from dxjinzai.core.scoping import register_scope_rules
        from dxjinzai.organizations.attention import register_waiting
        from dxjinzai.sharing.attention import charges_to_invoice, waiting_support
        from dxjinzai.sharing.scopes import SCOPE_RULES

        register_scope_rules(SCOPE_RULES)
        # The home page lists what waits for the viewer here.
        register_waiting(waiting_support)
        register_waiting(charges_to_invoice)
