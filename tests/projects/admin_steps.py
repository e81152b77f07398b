"""Helpers for the tests of Commission 15's admin: taking a step through its form."""

from django.urls import reverse

from tests.factories import ExpertBodyFactory


def detail_url(project):
    return reverse("projects_admin:detail", args=[project.pk])


def step_url(project, name):
    return reverse("projects_admin:step", args=[project.pk, name])


def prefixed(name, data):
    return {f"{name}-{field}": value for field, value in data.items()}


def post_step(client, project, name, follow=False, **data):
    return client.post(step_url(project, name), prefixed(name, data), follow=follow)


def score_data(grid, level=3, text="Justification", notes=""):
    data = {}
    for criterion in grid.criteria.all():
        data[f"level_{criterion.pk}"] = level
        data[f"justification_{criterion.pk}"] = f"{text} : {criterion.name}"
    data["notes"] = notes
    return data


def messages_of(response):
    return [str(message) for message in response.context["messages"]] if response.context else []


def make_expert(make_user):
    """An expert of a body: admin access, nothing to do with Commission 15."""
    body = ExpertBodyFactory(name="Pôle réseaux", slug="pole-reseaux", acronym="PR")
    body.refresh_from_db()
    return make_user(body.group.name, username="expert", is_staff=True)
