"""Addresses: the relative links every page writes, and the Welsh tree beside the English one."""
from __future__ import annotations

import pytest

from plansite.pages.render import in_language
from plansite.urls import relative, slugify, tree_prefix


@pytest.mark.parametrize("here, target, link", [
    ("calderdale/", "", "../"),  # the home page: "" is the site's root, never the page itself
    ("calderdale/priorities/x/", "", "../../../"),
    ("cy/", "", "../"),
    ("", "", "./"),
    ("", "cy/", "cy/"),
    ("calderdale/", "#actions", "./#actions"),  # an anchor alone is on this page
    ("calderdale/", "calderdale/#actions", "./#actions"),
    ("calderdale/", "calderdale/actions/", "actions/"),
    ("cy/calderdale/", "calderdale/", "../../calderdale/"),
    ("a/b/", "a/b/file.pdf", "file.pdf"),
    # From the pages people see most, and from the 404 page (which is at the site's root).
    ("calderdale/priorities/tackling-crime/", "", "../../../"),
    ("", "calderdale/", "calderdale/"),
    ("calderdale/actions/", "calderdale/", "../"),
    ("calderdale/actions/", "calderdale/actions/", "./"),
    ("calderdale/actions/", "#main-heading", "./#main-heading"),
    ("calderdale/", "#find", "./#find"),
    ("calderdale/actions/", "#x", "./#x"),
    ("calderdale/", "places/#h", "../places/#h"),
    ("404.html", "places/", "places/"),
])
def test_relative_links(here, target, link):
    assert relative(here, target) == link


def test_a_welsh_page_links_to_the_welsh_page_where_there_is_one_and_to_the_english_one_where_not():
    trees = {"cy": frozenset({"cy/alternative-formats/", "cy/northtown-cy/downloads/a-cy.pdf"})}
    assert in_language("alternative-formats/", "cy", trees) == "cy/alternative-formats/"
    assert in_language("alternative-formats/#x", "cy", trees) == "cy/alternative-formats/#x"
    assert in_language("schemas/plan.schema.json", "cy", trees) == "schemas/plan.schema.json"
    assert in_language("cy/places/", "cy", trees) == "cy/places/"
    assert in_language("alternative-formats/", "en", trees) == "alternative-formats/"
    assert tree_prefix("en") == "" and tree_prefix("cy") == "cy/"


def test_an_address_is_made_from_the_text_the_model_holds_in_every_language():
    from plansite.i18n.words import Words

    assert slugify(Words("Cymoedd Enghreifftiol", "cy", "Example Valleys")) == "example-valleys"
