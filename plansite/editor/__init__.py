"""The form editor at /admin/: Decap CMS, configured from the plan model, served from our own files."""
