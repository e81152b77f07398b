"""StreamField blocks of the knowledge base: one module, each with a template and a preview."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

RICH_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=160)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Level 2")), ("h3", _("Level 3"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "knowledge/blocks/heading.html"
        label = _("Heading")
        preview_value = {"text": "Les trois priorités", "level": "h2"}
        description = _("A section heading, listed in the page outline.")


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "knowledge/blocks/paragraph.html"
        label = _("Paragraph")
        preview_value = (
            "<p>La feuille de route décline le master plan en objectifs et en méthode.</p>"
        )


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    source = blocks.CharBlock(label=_("Source"), required=False, max_length=160)

    class Meta:
        icon = "openquote"
        template = "knowledge/blocks/quote.html"
        label = _("Quote")
        preview_value = {
            "text": "L'objectif est une économie décarbonée et créatrice d'emplois.",
            "source": "Feuille de route de la TRI",
        }


class FigureBlock(blocks.StructBlock):
    """A key figure (jobs, elected members…) shown large with its label."""

    value = blocks.CharBlock(label=_("Value"), max_length=40)
    label = blocks.CharBlock(label=_("Label"), max_length=160)

    class Meta:
        icon = "order"
        template = "knowledge/blocks/figure.html"
        label = _("Key figure")
        preview_value = {"value": "165 000", "label": "emplois nets visés d'ici 2050"}


class FiguresBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(FigureBlock(), **kwargs)

    class Meta:
        icon = "list-ul"
        template = "knowledge/blocks/figures.html"
        label = _("Key figures")
        preview_value = [
            {"value": "37 000", "label": "emplois visés en 2020"},
            {"value": "165 000", "label": "emplois nets visés d'ici 2050"},
        ]


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[("info", _("Information")), ("warning", _("Warning"))],
        default="info",
    )
    title = blocks.CharBlock(label=_("Title"), max_length=160)
    body = blocks.RichTextBlock(label=_("Text"), features=RICH_FEATURES)

    class Meta:
        icon = "help"
        template = "knowledge/blocks/callout.html"
        label = _("Callout")
        preview_value = {
            "kind": "info",
            "title": "Bon à savoir",
            "body": "<p>Certaines demandes relèvent du droit commun régional.</p>",
        }


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "knowledge/blocks/image.html"
        label = _("Image")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False, max_length=160)

    class Meta:
        icon = "doc-full"
        template = "knowledge/blocks/document.html"
        label = _("Document")


class LinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External address"), required=False)
    text = blocks.CharBlock(label=_("Link text"), max_length=160)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Choose either a page or an external address."))
                }
            )
        return value

    class Meta:
        icon = "link"
        template = "knowledge/blocks/link.html"
        label = _("Link")
        preview_value = {"url": "https://www.ademe.fr/", "text": "Site de l'ADEME"}


class SectionBlock(blocks.StructBlock):
    """A titled chapter; long documents (the master plan) are a list of these."""

    title = blocks.CharBlock(label=_("Title"), max_length=160)
    anchor = blocks.CharBlock(
        label=_("Anchor"),
        max_length=60,
        required=False,
        help_text=_("Short identifier used in links to this section."),
    )
    body = blocks.RichTextBlock(label=_("Text"), features=RICH_FEATURES)

    class Meta:
        icon = "folder-open-inverse"
        template = "knowledge/blocks/section.html"
        label = _("Section")
        preview_value = {
            "title": "Une économie décarbonée",
            "anchor": "economie-decarbonee",
            "body": "<p>Le master plan vise une économie sobre en ressources.</p>",
        }


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=160)
    body = blocks.RichTextBlock(label=_("What to do"), features=RICH_FEATURES)

    class Meta:
        icon = "tick"
        template = "knowledge/blocks/step.html"
        label = _("Step")
        preview_value = {
            "title": "Décrire le projet",
            "body": "<p>Présentez les acteurs, le territoire et les piliers mobilisés.</p>",
        }


class CriterionBlock(blocks.StructBlock):
    """One criterion of the qualification and evaluation grid."""

    title = blocks.CharBlock(label=_("Criterion"), max_length=160)
    description = blocks.RichTextBlock(label=_("Description"), features=RICH_FEATURES)
    questions = blocks.ListBlock(
        blocks.CharBlock(max_length=250),
        label=_("Questions asked of the project"),
        required=False,
    )

    class Meta:
        icon = "list-ol"
        template = "knowledge/blocks/criterion.html"
        label = _("Criterion")
        preview_value = {
            "title": "Dimension territoriale",
            "description": "<p>Le projet s'articule avec son territoire.</p>",
            "questions": ["Quels acteurs locaux sont associés ?"],
        }


class BodyStreamBlock(blocks.StreamBlock):
    """The free content of most pages."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    quote = QuoteBlock()
    figures = FiguresBlock()
    callout = CalloutBlock()
    image = ImageWithCaptionBlock()
    document = DocumentBlock()
    link = LinkBlock()

    class Meta:
        template = "knowledge/blocks/stream.html"


class ChapterStreamBlock(blocks.StreamBlock):
    section = SectionBlock()
    figures = FiguresBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()

    class Meta:
        template = "knowledge/blocks/stream.html"


class StepsStreamBlock(blocks.StreamBlock):
    step = StepBlock()

    class Meta:
        template = "knowledge/blocks/steps.html"


class CriteriaStreamBlock(blocks.StreamBlock):
    criterion = CriterionBlock()

    class Meta:
        template = "knowledge/blocks/criteria.html"
