"""Knowledge base models: reference snippets and the page types, one module each."""

from .base import GuidancePage
from .bodies import ExpertBodyIndexPage, ExpertBodyPage
from .events import EventIndexPage, EventPage
from .experimentation import ExperimentationRightPage
from .financing import FinancingPage
from .guides import GuideIndexPage, GuidePage, GuidePageTag, GuideSectionPage
from .home import HomePage
from .masterplan import MasterPlanPage, PillarPage
from .priorities import PriorityIndexPage, PriorityPage
from .questions import QuestionAnswerPage, QuestionIndexPage
from .review import ContentReview, ReviewReminder
from .roadmap import RoadmapIndexPage, RoadmapUpdatePage, RoadmapUpdateTag
from .roadmap_actions import ActionStatus, RoadmapAction
from .showcase import ProjectIndexPage, ProjectPage, RoadmapActionIndexPage
from .snippets import ExpertBody, Priority, Territory
from .standard import StandardPage

__all__ = [
    "ActionStatus",
    "ContentReview",
    "ReviewReminder",
    "ProjectIndexPage",
    "ProjectPage",
    "RoadmapAction",
    "RoadmapActionIndexPage",
    "EventIndexPage",
    "EventPage",
    "ExperimentationRightPage",
    "ExpertBody",
    "ExpertBodyIndexPage",
    "ExpertBodyPage",
    "FinancingPage",
    "GuidancePage",
    "GuideIndexPage",
    "GuidePage",
    "GuidePageTag",
    "GuideSectionPage",
    "HomePage",
    "MasterPlanPage",
    "PillarPage",
    "Priority",
    "PriorityIndexPage",
    "PriorityPage",
    "QuestionAnswerPage",
    "QuestionIndexPage",
    "RoadmapIndexPage",
    "RoadmapUpdatePage",
    "RoadmapUpdateTag",
    "StandardPage",
    "Territory",
]
