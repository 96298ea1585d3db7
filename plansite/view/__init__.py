"""Stage 3, view: what the published plans say, worked out once for every page and format."""
