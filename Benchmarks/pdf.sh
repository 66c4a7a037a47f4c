#!/usr/bin/env bash
# Issue 25, acceptance 1-3: PDF compression against qpdf and Ghostscript /ebook, with page
# fidelity (Benchmarks/pdf.py says what is measured). The corpus: py-pdf/sample-files at a
# fixed commit (CC-BY-SA-4.0; cloned into .build/pdf-corpus, never committed; see
# Benchmarks/pdf-corpus.md), two photo-heavy brochures made by scripts/make-sample-pdf, and
# three scanned-page documents made from the corpus by Benchmarks/make-scanned-pdf.
#
#     Benchmarks/pdf.sh [FOLDER…]      (release build, or PIPELINE=path; folders replace the corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in qpdf gs pdftoppm pdftotext pdfinfo; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install qpdf ghostscript poppler-utils"; exit 2; }
done
if [ -z "${PIPELINE:-}" ]; then
  swift build -c release --product pipeline --static-swift-stdlib >/dev/null
  PIPELINE=$PWD/.build/release/pipeline
fi
folders=("$@")
if [ ${#folders[@]} -eq 0 ]; then
  corpus=.build/pdf-corpus
  commit=6921079eb3e1ed0944db5ec75016910d59da7fdb
  if [ ! -d "$corpus/files" ]; then
    rm -rf "$corpus" && mkdir -p "$corpus/files"
    git clone -q https://github.com/py-pdf/sample-files "$corpus/repo"
    git -C "$corpus/repo" checkout -q "$commit"
    # Flattened names (folder_file.pdf); GeoTopo.pdf is not in the repository (its blob is missing).
    (cd "$corpus/repo" && git ls-files '*.pdf' | grep -v 'GeoTopo.pdf$' | while read -r f; do cp "$f" "../files/${f//\//_}"; done)
  fi
  mkdir -p "$corpus/own"
  scripts/make-sample-pdf "$corpus/own/brochure-1600.pdf" 1600 >/dev/null
  scripts/make-sample-pdf "$corpus/own/brochure-2400.pdf" 2400 >/dev/null
  # Scanned pages: three of the corpus's documents as a scanner at 300 dpi would store them.
  Benchmarks/make-scanned-pdf "$corpus/files/004-pdflatex-4-pages_pdflatex-4-pages.pdf" "$corpus/own/scanned-004-gray.pdf" 300 gray >/dev/null
  Benchmarks/make-scanned-pdf "$corpus/files/014-outlines_mistitled_outlines_example.pdf" "$corpus/own/scanned-014-gray.pdf" 300 gray >/dev/null
  Benchmarks/make-scanned-pdf "$corpus/files/026-latex-multicolumn_multicolumn.pdf" "$corpus/own/scanned-026-color.pdf" 300 color >/dev/null
  folders=("$corpus/files" "$corpus/own")
fi
python3 Benchmarks/pdf.py "$PIPELINE" "${folders[@]}"
