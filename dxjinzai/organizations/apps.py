from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "dxjinzai.organizations"
    label = "organizations"
    verbose_name = "団体・職員"

    def ready(self) -> None:
        # The URL converter for 職員番号, used by page routes and the API alike.
        from dxjinzai.organizations import converters  # noqa: F401
