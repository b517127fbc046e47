from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "dxjinzai.training"
    label = "training"
    verbose_name = "研修"

    def ready(self) -> None:
        # The rows of this app's models each viewer sees (core.scoping's registry).
        from dxjinzai.core.import_runs import register_import_kind
        from dxjinzai.core.scoping import register_scope_rules
        from dxjinzai.organizations.attention import register_waiting
        from dxjinzai.skills.search import register_search_source
        from dxjinzai.training.attention import (
            missing_in_my_departments,
            overdue_in_my_bodies,
            waiting_applications,
            waiting_for_the_participant,
        )
        from dxjinzai.training.records_import import (
            COMPLETIONS,
            QUALIFICATIONS,
            records_import_run,
            records_import_task,
        )
        from dxjinzai.training.scopes import SCOPE_RULES
        from dxjinzai.training.search import completed_course_titles, completed_the_course

        register_scope_rules(SCOPE_RULES)
        # The home page lists what waits for the viewer here.
        for source in (
            waiting_applications,
            overdue_in_my_bodies,
            missing_in_my_departments,
            waiting_for_the_participant,
        ):
            register_waiting(source)
        # The talent search matches completed courses and can ask for one.
        register_search_source(
            text=completed_course_titles, conditions={"course_id": completed_the_course}
        )
        # A checked records import can be committed from its run (core.import_runs).
        for kind in (COMPLETIONS, QUALIFICATIONS):
            register_import_kind(kind, task=records_import_task, run_now=records_import_run)
