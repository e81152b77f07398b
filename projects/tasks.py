"""Background tasks of the projects app (Django's tasks API)."""

from django_tasks import task


@task()
def sync_showcase_task(project_id):
    from .showcase import sync

    return sync(project_id)
