from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("search", "0006_vocabulary_and_synonyms")]

    operations = []
