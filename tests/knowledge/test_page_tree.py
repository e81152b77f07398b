"""Each page type lives only under the parents the information architecture allows."""

import pytest
from wagtail.models import Page, get_page_models

from knowledge import models as km
from tests.factories import ExpertBodyFactory, PriorityFactory, add_page, event_fields

EXPECTED_PARENTS = {
    km.HomePage: {Page},
    km.MasterPlanPage: {km.HomePage},
    km.PillarPage: {km.MasterPlanPage},
    km.RoadmapIndexPage: {km.HomePage},
    km.RoadmapUpdatePage: {km.RoadmapIndexPage},
    km.ExperimentationRightPage: {km.HomePage},
    km.PriorityIndexPage: {km.HomePage},
    km.PriorityPage: {km.PriorityIndexPage},
    km.GuideIndexPage: {km.HomePage},
    km.GuideSectionPage: {km.GuideIndexPage},
    km.GuidePage: {km.GuideIndexPage, km.GuideSectionPage},
    km.ExpertBodyIndexPage: {km.HomePage},
    km.ExpertBodyPage: {km.ExpertBodyIndexPage},
    km.FinancingPage: {km.HomePage},
    km.EventIndexPage: {km.HomePage},
    km.EventPage: {km.EventIndexPage},
    km.StandardPage: {km.HomePage, km.StandardPage},
    km.QuestionIndexPage: {km.HomePage},
    km.QuestionAnswerPage: {km.QuestionIndexPage},
    km.ProjectIndexPage: {km.HomePage},
    km.ProjectPage: {km.ProjectIndexPage},
    km.RoadmapActionIndexPage: {km.HomePage},
}


def test_every_page_type_is_covered():
    page_models = {model for model in get_page_models() if model._meta.app_label == "knowledge"}
    assert page_models == set(EXPECTED_PARENTS)


@pytest.mark.parametrize("child", list(EXPECTED_PARENTS), ids=lambda m: m.__name__)
def test_declared_parents(child):
    assert set(child.allowed_parent_page_models()) == EXPECTED_PARENTS[child]


@pytest.fixture
def one_of_each(home):
    """A tree holding one page of every type that can have children."""
    return {
        Page: Page.get_first_root_node(),
        km.HomePage: home,
        km.MasterPlanPage: (master := add_page(home, km.MasterPlanPage)),
        km.PillarPage: add_page(master, km.PillarPage),
        km.RoadmapIndexPage: (roadmap := add_page(home, km.RoadmapIndexPage)),
        km.RoadmapUpdatePage: add_page(roadmap, km.RoadmapUpdatePage, date="2013-06-20"),
        km.ExperimentationRightPage: add_page(home, km.ExperimentationRightPage),
        km.PriorityIndexPage: (priorities := add_page(home, km.PriorityIndexPage)),
        km.PriorityPage: add_page(priorities, km.PriorityPage, priority=PriorityFactory()),
        km.GuideIndexPage: (guides := add_page(home, km.GuideIndexPage)),
        km.GuideSectionPage: (section := add_page(guides, km.GuideSectionPage)),
        km.GuidePage: add_page(section, km.GuidePage),
        km.ExpertBodyIndexPage: (bodies := add_page(home, km.ExpertBodyIndexPage)),
        km.ExpertBodyPage: add_page(bodies, km.ExpertBodyPage, expert_body=ExpertBodyFactory()),
        km.FinancingPage: add_page(home, km.FinancingPage),
        km.EventIndexPage: (events := add_page(home, km.EventIndexPage)),
        km.EventPage: add_page(events, km.EventPage, **event_fields()),
        km.StandardPage: add_page(home, km.StandardPage),
        km.QuestionIndexPage: (questions := add_page(home, km.QuestionIndexPage)),
        km.QuestionAnswerPage: add_page(
            questions, km.QuestionAnswerPage, question="<p>Q</p>", answer="<p>R</p>"
        ),
        km.ProjectIndexPage: add_page(home, km.ProjectIndexPage),
        km.RoadmapActionIndexPage: add_page(home, km.RoadmapActionIndexPage),
    }


@pytest.mark.django_db
def test_creation_only_under_allowed_parents(one_of_each):
    # Single-instance sections (one master plan, one roadmap…) are already in the
    # tree, so they may not be created again even under an allowed parent.
    single = {
        km.HomePage,
        km.MasterPlanPage,
        km.RoadmapIndexPage,
        km.PriorityIndexPage,
        km.GuideIndexPage,
        km.ExpertBodyIndexPage,
        km.FinancingPage,
        km.EventIndexPage,
        km.QuestionIndexPage,
        km.ProjectIndexPage,
        km.RoadmapActionIndexPage,
    }
    for child, allowed in EXPECTED_PARENTS.items():
        for parent_model, parent in one_of_each.items():
            # A showcased project's page is written from its project, never by hand.
            expected = parent_model in allowed and child not in single and child.is_creatable
            assert child.can_create_at(parent) is expected, (
                f"{child.__name__} under {parent_model.__name__}"
            )


@pytest.mark.django_db
def test_single_sections_can_be_created_once(home):
    for model in (km.MasterPlanPage, km.RoadmapIndexPage, km.FinancingPage):
        assert model.can_create_at(home)
        add_page(home, model)
        assert not model.can_create_at(home)
