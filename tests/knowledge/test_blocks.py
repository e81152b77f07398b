"""Every StreamField block has an icon, a template and, where it can, a preview."""

import pytest
from wagtail import blocks as wagtail_blocks

from knowledge import blocks

# Blocks whose value needs an image or a document from the database.
NEEDS_MEDIA = {blocks.ImageWithCaptionBlock, blocks.DocumentBlock}

BLOCK_CLASSES = [
    obj
    for obj in vars(blocks).values()
    if isinstance(obj, type)
    and issubclass(obj, wagtail_blocks.Block)
    and obj.__module__ == blocks.__name__
    and not issubclass(obj, wagtail_blocks.StreamBlock)
]


def test_the_module_defines_blocks():
    assert len(BLOCK_CLASSES) >= 10


@pytest.mark.parametrize("block_class", BLOCK_CLASSES, ids=lambda c: c.__name__)
def test_block_meta(block_class):
    block = block_class()
    assert block.meta.icon and block.meta.icon != "placeholder"
    assert block.meta.template.startswith("knowledge/blocks/")
    if block_class not in NEEDS_MEDIA:
        assert block.meta.preview_value, "a preview value lets editors see the block"


@pytest.mark.parametrize(
    "block_class",
    [c for c in BLOCK_CLASSES if c not in NEEDS_MEDIA],
    ids=lambda c: c.__name__,
)
def test_block_preview_renders(block_class):
    block = block_class()
    value = block.to_python(block.get_prep_value(block.normalize(block.meta.preview_value)))
    assert block.render(value).strip()


def test_link_block_needs_exactly_one_target():
    block = blocks.LinkBlock()
    with pytest.raises(wagtail_blocks.StructBlockValidationError):
        block.clean(block.to_python({"text": "Sans cible"}))
    assert block.clean(block.to_python({"text": "ADEME", "url": "https://www.ademe.fr/"}))
