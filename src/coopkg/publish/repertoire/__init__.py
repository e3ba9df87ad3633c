"""The Répertoire des partenariats franco-russes: a printable, sourced directory generated from
the graph (``coopkg repertoire``), in French, English and Russian, as HTML or PDF.

For the explorer's download button and the publishing server's route::

    from coopkg.publish.repertoire import MEDIA_TYPES, make_directory
    content = make_directory(repository, "fr", "pdf")   # bytes, MEDIA_TYPES["pdf"]

It takes seconds (the PDF layout): cache it per build (``coopkg.store.repository_key()``).
"""

from .gathering import gather
from .model import Directory
from .render import FORMATS, render_document, render_html, render_pdf

MEDIA_TYPES = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}


def make_directory(repository, lang: str, output_format: str) -> bytes:
    """The whole directory from ``repository`` (embedded or remote) in one language and format."""
    return render_document(gather(repository, lang), output_format)


def file_name(lang: str, output_format: str) -> str:
    return f"repertoire-{lang}.{output_format}"


__all__ = ["Directory", "FORMATS", "MEDIA_TYPES", "file_name", "gather", "make_directory",
           "render_document", "render_html", "render_pdf"]
