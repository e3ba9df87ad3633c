"""Rebuild the fonts of the Répertoire (maintainers only; the results are committed).

    cd "$(mktemp -d)" && npm pack @expo-google-fonts/noto-sans@0.4.2 @expo-google-fonts/noto-serif@0.4.2
    for f in *.tgz; do mkdir -p "${f%.tgz}" && tar xzf "$f" -C "${f%.tgz}"; done
    python src/coopkg/repertoire/fonts/tools/subset.py "$PWD"

Each style's full Noto TTF (Google Fonts' static instances, as the npm packages ship them) is
cut down with fontTools to the scripts the directory prints: Latin (with its extensions),
Cyrillic (with its supplement), punctuation, currency and letter-like symbols (№). One file
per style holds both scripts: WeasyPrint embeds one font per file, and faces split by
``unicode-range`` from one family collide in the PDF.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset

# Latin-1 and Latin Extended-A and -B (French, the other European names), combining accents,
# Cyrillic with its supplement, punctuation, currency signs, letter-like symbols (№), arrows.
UNICODES = ("U+0000-024F,U+0259,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0300-036F,U+0400-052F,"
            "U+2000-206F,U+20A0-20C0,U+2100-214F,U+2190-21FF,U+2212,U+2215,U+FEFF,U+FFFD")
STYLES = {  # output file -> (npm package folder, file inside it)
    "NotoSerif-Regular.ttf": ("expo-google-fonts-noto-serif-0.4.2", "400Regular/NotoSerif_400Regular.ttf"),
    "NotoSerif-Italic.ttf": ("expo-google-fonts-noto-serif-0.4.2", "400Regular_Italic/NotoSerif_400Regular_Italic.ttf"),
    "NotoSerif-Bold.ttf": ("expo-google-fonts-noto-serif-0.4.2", "700Bold/NotoSerif_700Bold.ttf"),
    "NotoSans-Regular.ttf": ("expo-google-fonts-noto-sans-0.4.2", "400Regular/NotoSans_400Regular.ttf"),
    "NotoSans-Bold.ttf": ("expo-google-fonts-noto-sans-0.4.2", "700Bold/NotoSans_700Bold.ttf"),
}


def main(packages: Path) -> None:
    here = Path(__file__).resolve().parent.parent
    for name, (package, path) in STYLES.items():
        options = subset.Options()
        options.flavor = None  # TrueType: WeasyPrint reads it as it is (no woff2 decoding per run)
        options.layout_features = ["*"]
        options.name_IDs = ["*"]  # keep the copyright and licence records
        options.hinting = False
        font = subset.load_font(str(packages / package / "package" / path), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
        subsetter.subset(font)
        subset.save_font(font, str(here / name), options)
        print(name, (here / name).stat().st_size // 1024, "KB")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
