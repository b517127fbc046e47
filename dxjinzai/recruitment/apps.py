from django.apps import AppConfig


class RecruitmentConfig(AppConfig):
    name = "dxjinzai.recruitment"
    label = "recruitment"
    verbose_name = "採用"

    def ready(self) -> None:
        # The rows of this app's models each viewer sees (core.scoping's registry).
        from dxjinzai.core.scoping import register_scope_rules
        from dxjinzai.organizations.attention import register_waiting
        from dxjinzai.recruitment.attention import waiting_in_recruitment
        from dxjinzai.recruitment.scopes import SCOPE_RULES

        register_scope_rules(SCOPE_RULES)
        # Unsuccessful applicants' data is erased after its retention period, every night.
        from dxjinzai.core.daily import register_daily_job
        from dxjinzai.recruitment.tasks import erase_expired_applicants

        register_daily_job(erase_expired_applicants, hour=3)
        # The inbox lists applicants to screen (HR) and score sheets to fill (the panel).
        register_waiting(waiting_in_recruitment)
