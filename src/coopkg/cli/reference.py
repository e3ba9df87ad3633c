"""`coopkg import-reference`: the maintainers' import of ../shared/reference-data into data/reference."""

from __future__ import annotations


def cmd_import_reference(args) -> int:
    from coopkg.refdata import importer

    forwarded = []
    if args.reference_dir:
        forwarded += ["--reference-dir", args.reference_dir]
    if args.out:
        forwarded += ["--out", args.out]
    return importer.main(forwarded)


def register(sub, common) -> None:
    p = sub.add_parser("import-reference", parents=[common],
                       help="regenerate data/reference/*.trig from the shared reference data",
                       description="Turn ../shared/reference-data into RDF under data/reference (maintainers only: "
                                   "the generated files are committed and a build does not need the reference data).")
    p.add_argument("--reference-dir", help="folder of the reference data (default: ../shared/reference-data)")
    p.add_argument("--out", help="output folder (default: data/reference)")
    p.set_defaults(func=cmd_import_reference)
