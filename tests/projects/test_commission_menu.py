"""Commission 15's admin menu holds its items for a member, not only "Help" (issue #14)."""

import json
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def menu_items(html):
    """The names and addresses of every item of the admin's sidebar menu (its JSON
    props), nested ones included."""
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    assert props, "no sidebar in the page"
    names = set()

    def walk(node):
        if isinstance(node, dict):
            for key in ("name", "url"):
                if isinstance(node.get(key), str):
                    names.add(node[key])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(props.group(1)))
    return names


def test_a_commission_member_has_the_commission_menu(client, commission_member):
    client.force_login(commission_member)

    items = menu_items(client.get(reverse("wagtailadmin_home")).content.decode())

    assert {"projects-to-evaluate", "evaluation-grid"} <= items, " ".join(sorted(items))
    assert {reverse("projects_admin:queue"), reverse("portfolio:index")} <= items


def test_the_commission_pages_open_for_a_member(client, commission_member):
    client.force_login(commission_member)

    assert client.get(reverse("projects_admin:queue")).status_code == 200
    assert client.get(reverse("portfolio:index")).status_code == 200
