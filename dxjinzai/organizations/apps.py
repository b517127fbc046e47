from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "dxjinzai.organizations"
    label = "organizations"
    verbose_name = "団体・職員"

    def ready(self) -> None:
        from dxjinzai.core.access import use_directory
        from dxjinzai.core.api import api
        from dxjinzai.core.import_runs import register_import_kind
        from dxjinzai.core.scoping import register_scope_rules

        # The URL converter for 職員番号, used by page routes and the API alike.
        from dxjinzai.organizations import converters  # noqa: F401
        from dxjinzai.organizations.access import OrganizationDirectory
        from dxjinzai.organizations.api import router
        from dxjinzai.organizations.attention import register_waiting
        from dxjinzai.organizations.import_jobs import (
            STAFF_FILE_LIMITS,
            STAFF_IMPORT,
            staff_import_run,
            staff_import_task,
        )
        from dxjinzai.organizations.scopes import SCOPE_RULES
        from dxjinzai.organizations.waiting import (
            checked_imports,
            moved_heads_to_confirm,
            terms_ending,
        )

        # Core's access layer learns bodies, grants and staff records from this app.
        use_directory(OrganizationDirectory())
        register_scope_rules(SCOPE_RULES)
        api.add_router("/", router)
        # A checked staff import can be committed from its run (core.import_runs).
        register_import_kind(
            STAFF_IMPORT,
            task=staff_import_task,
            run_now=staff_import_run,
            limits=STAFF_FILE_LIMITS,
        )
        # The home page lists what waits for the viewer here (the other apps add theirs).
        register_waiting(terms_ending)
        register_waiting(moved_heads_to_confirm)
        register_waiting(checked_imports)
        # Accounts of people whose appointments all ended stop, every night at 2:00.
        from dxjinzai.core.daily import register_daily_job
        from dxjinzai.organizations.tasks import close_accounts_of_ended_appointments

        register_daily_job(close_accounts_of_ended_appointments, hour=2)
