import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("desk", "0008_existing_requests_to_projects")]

    operations = [
        migrations.AlterField(
            model_name="howtorequest",
            name="project",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="requests",
                to="projects.project",
                verbose_name="project",
            ),
        ),
    ]
