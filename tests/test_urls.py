"""Links between site pages (plansite.urls.relative), as breadcrumbs and navigation use them."""
from __future__ import annotations

import pytest

from plansite.urls import relative


@pytest.mark.parametrize("from_url,to_url,link", [
    # The home page is "": a link to it from anywhere goes up to the root, never to the page itself
    # (every breadcrumb's "Home" once linked to its own page as "./").
    ("calderdale/", "", "../"),
    ("calderdale/priorities/tackling-crime/", "", "../../../"),
    ("", "", "./"),
    ("", "calderdale/", "calderdale/"),
    ("calderdale/", "calderdale/actions/", "actions/"),
    ("calderdale/actions/", "calderdale/", "../"),
    ("calderdale/actions/", "calderdale/actions/", "./"),
    # "#anchor" alone is on the page linked from; an address with an anchor keeps it.
    ("calderdale/actions/", "#main-heading", "./#main-heading"),
    ("calderdale/", "#find", "./#find"),
    ("calderdale/actions/", "#x", "./#x"),
    ("calderdale/", "places/#h", "../places/#h"),
    ("404.html", "places/", "places/"),
])
def test_relative_links(from_url, to_url, link):
    assert relative(from_url, to_url) == link
