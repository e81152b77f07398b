from django.db import migrations

CODENAME = "coordinate_desk"
NAME = "Can coordinate the desk: qualify, route, review, publish"


def grant_to_existing_coordinators(apps, schema_editor):
    """Coordinators were known by their group's name; they are now whoever holds the
    permission. Existing databases give it to the groups that could change requests
    (only coordinators could), so nobody loses or gains the desk on upgrade."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    request_type, _ = ContentType.objects.get_or_create(app_label="desk", model="howtorequest")
    coordinate, _ = Permission.objects.get_or_create(
        content_type=request_type, codename=CODENAME, defaults={"name": NAME}
    )
    for group in Group.objects.filter(
        permissions__content_type=request_type, permissions__codename="change_howtorequest"
    ):
        group.permissions.add(coordinate)


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0002_event_anonymised_action"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="howtorequest",
            options={
                "ordering": ["-created_at", "-pk"],
                "permissions": [(CODENAME, NAME)],
                "verbose_name": "how-to request",
                "verbose_name_plural": "how-to requests",
            },
        ),
        migrations.RunPython(grant_to_existing_coordinators, migrations.RunPython.noop),
    ]
