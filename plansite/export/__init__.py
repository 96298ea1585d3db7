"""Downloads: the plan in every format, from the same validated data as the website."""
from .formats import EXPORTERS, ExportJob, ExportOptions, Exporter
from .runner import Downloads, EditionDownloads, ExportedFile, build_downloads, publish_downloads

__all__ = ["EXPORTERS", "Downloads", "EditionDownloads", "ExportJob", "ExportOptions", "ExportedFile", "Exporter",
           "build_downloads", "publish_downloads"]
