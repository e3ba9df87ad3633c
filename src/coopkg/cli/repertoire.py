"""`coopkg repertoire`: write the Répertoire des partenariats franco-russes as PDF or HTML."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from coopkg.cli.common import UsageError, language

FORMATS = ("pdf", "html")


def resolve(lang: str, output_format: str | None, output: str | None) -> tuple[str, Path]:
    """The format and output file the arguments ask for, checked before any work."""
    suffix = Path(output).suffix.lower().lstrip(".") if output else ""
    if output_format is None:
        output_format = suffix if suffix in FORMATS else "pdf"
    if output and suffix in FORMATS and suffix != output_format:
        raise UsageError(f"-o {output}: the file name says {suffix}, --format says {output_format}")
    path = Path(output) if output else Path(f"repertoire-{lang}.{output_format}")
    if path.is_dir():
        raise UsageError(f"-o {path}: is a folder; give a file name, e.g. {path / ('repertoire-' + lang + '.' + output_format)}")
    if not path.parent.exists():
        raise UsageError(f"-o {path}: the folder {path.parent} does not exist")
    if not os.access(path.parent, os.W_OK):
        raise UsageError(f"-o {path}: cannot write in {path.parent}")
    return output_format, path


def write_atomically(path: Path, content: bytes) -> None:
    """Write the whole file or nothing: a failed run never leaves half a document."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def cmd_repertoire(args) -> int:
    from coopkg.publish.repertoire.gathering import gather
    from coopkg.publish.repertoire.render import render_document
    from coopkg.store import open_repository

    lang = language(args)
    output_format, path = resolve(lang, args.format, args.output)
    repository = open_repository()
    directory = gather(repository, lang)
    if not directory.partnerships:
        raise UsageError(f"{repository.describe()} holds no French–Russian partnership: "
                         f"is it a coopkg store? (`coopkg build` builds one)")
    content = render_document(directory, output_format)
    write_atomically(path, content)
    print(f"{path} ({output_format}, {lang}, {len(content) // 1024} KB): {len(directory.partnerships)} partnerships, "
          f"edition {directory.edition.build_id or directory.edition.date.isoformat()}")
    return 0


def register(sub, common) -> None:
    p = sub.add_parser(
        "repertoire", parents=[common], help="write the directory of French–Russian partnerships (PDF or HTML)",
        description="Generate the Répertoire des partenariats franco-russes from the current build (or from "
                    "the SPARQL endpoint of COOPKG_ENDPOINT): cover and front matter with every source and its "
                    "licence, overview with counts, map and chronology, Part 1 France → Russia, Part 2 Russia → "
                    "France, Part 3 the country group, and an index in Latin and Cyrillic script. Every list "
                    "comes from a named query of queries/repertoire/. In the language of --lang (fr, en, ru).")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="pdf (default) or html (one self-contained file); taken from -o's extension if omitted")
    p.add_argument("-o", "--output", metavar="FILE", default=None,
                   help="file to write (default: repertoire-LANG.FORMAT in the current folder)")
    p.set_defaults(func=cmd_repertoire)
