"""The national qualification catalogue, shared by every body (editable afterwards)."""

from django.db import migrations

from dxjinzai.skills.catalogue import NATIONAL_CATALOGUE


def add_catalogue(apps, schema_editor):
    Qualification = apps.get_model("skills", "Qualification")
    for order, row in enumerate(NATIONAL_CATALOGUE):
        name, category, issuer, has_sitting, pattern, example, validity = row
        Qualification.objects.get_or_create(
            body=None,
            name=name,
            defaults={
                "category": category,
                "issuer": issuer,
                "has_sitting": has_sitting,
                "number_pattern": pattern,
                "number_example": example,
                "validity_years": validity,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("skills", "0001_initial")]

    operations = [migrations.RunPython(add_catalogue, migrations.RunPython.noop)]
