import uuid

from django.db import migrations, models


def fill(apps, schema_editor):
    for name in ("Provider", "Venue"):
        model = apps.get_model("providers", name)
        rows = list(model.objects.only("pk"))
        for row in rows:
            row.uuid = uuid.uuid4()
        model.objects.bulk_update(rows, ["uuid"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("providers", "0002_invitations_join_requests_personal_assistants")]

    operations = [
        migrations.AddField(
            model_name="provider", name="uuid", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.AddField(
            model_name="venue", name="uuid", field=models.UUIDField(null=True, editable=False)
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="provider",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="venue",
            name="uuid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
