import uuid

from django.db import migrations, models


def fill(apps, schema_editor):
    Opportunity = apps.get_model("opportunities", "Opportunity")
    rows = list(Opportunity.objects.only("pk"))
    for row in rows:
        row.uuid = uuid.uuid4()
    Opportunity.objects.bulk_update(rows, ["uuid"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("opportunities", "0008_provider_edits_approval_history")]

    operations = [
        migrations.AddField(
            model_name="opportunity", name="uuid", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="opportunity",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
