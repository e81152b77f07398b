"""Replace Wagtail's placeholder welcome page with the TRI home page."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("knowledge.HomePage")

    # Wagtail's own migration adds a generic page at /home/; remove it if untouched.
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()

    if HomePage.objects.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(
        model="homepage", app_label="knowledge"
    )
    locale, _ = Locale.objects.get_or_create(language_code="fr")
    root = Page.objects.get(depth=1)
    homepage = HomePage.objects.create(
        title="Accueil",
        draft_title="Accueil",
        slug="accueil",
        content_type=content_type,
        path=f"{root.path}{(root.numchild + 1):04d}",
        depth=2,
        numchild=0,
        url_path="/accueil/",
        locale=locale,
        live=True,
    )
    root.numchild += 1
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": homepage},
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("knowledge.HomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("knowledge", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
