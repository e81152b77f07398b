from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("desk", "0013_notification_interrupted_at")]

    operations = []
