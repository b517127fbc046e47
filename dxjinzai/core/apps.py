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
        # Each sign-in is listed for its person and carries its body's idle limit.
        from django.contrib.auth.signals import user_logged_in, user_logged_out

        from dxjinzai.core.sessions import on_sign_in, on_sign_out

        user_logged_in.connect(on_sign_in, dispatch_uid="dxjinzai-session-in")
        user_logged_out.connect(on_sign_out, dispatch_uid="dxjinzai-session-out")
