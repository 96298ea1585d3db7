"""Stage 4, pages: the public site's pages as data, rendered with Jinja, plus feeds and sitemaps."""
