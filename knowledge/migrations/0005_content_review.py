from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("knowledge", "0004_showcase_and_roadmap_actions")]

    operations = []
