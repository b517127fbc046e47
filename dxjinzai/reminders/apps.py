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
        # The digest goes out every morning (core.daily books it).
        from django.conf import settings

        from dxjinzai.core.daily import register_daily_job
        from dxjinzai.reminders.tasks import send_daily_digest

        register_daily_job(send_daily_digest, hour=settings.DIGEST_HOUR)
