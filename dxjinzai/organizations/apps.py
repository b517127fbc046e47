from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "dxjinzai.organizations"
    label = "organizations"
    verbose_name = "団体・職員"
