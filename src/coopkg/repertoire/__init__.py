"""The Répertoire des partenariats franco-russes: a printable, sourced directory generated from
the graph (``coopkg repertoire``), in French, English and Russian, as HTML or PDF."""

from .command import register
from .gathering import Directory, gather
from .render import render_document, render_html, render_pdf

__all__ = ["Directory", "gather", "register", "render_document", "render_html", "render_pdf"]
