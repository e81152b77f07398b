from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0005_postgres_gin_without_pending_list")]

    operations = []
