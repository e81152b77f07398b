"""Background tasks that keep the search index true."""

from django_tasks import task

from . import indexing


@task()
def update_page_task(page_id):
    return indexing.update_page(page_id)


@task()
def update_subtree_task(page_id):
    return indexing.update_subtree(page_id)


@task()
def replay_engine_updates_task():
    return indexing.replay_pending()


@task()
def refill_engine_index_task():
    """The engine's index was missing and was made empty: fill it from the database."""
    return indexing.refill_engine()


@task()
def reload_engine_synonyms_task():
    """A synonym group changed: the engine's search analyzer takes the groups as they
    are now (`EngineBackend.reload_synonyms`, no reindexing)."""
    return indexing.reload_engine_synonyms()
