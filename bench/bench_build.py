"""Benchmark of `briefgen build` against its peers, on one large submission.

    python bench/bench_build.py [--claims 1000] [--rows 1000] [--runs 3]

The submission has --claims claim paragraphs, each with a footnote, and an annex table of --rows
people. Measured as whole processes, in the same run:
- DOCX: `briefgen build -f docx` against pandoc (pypandoc-binary) converting equivalent Markdown
  (the same paragraphs, footnotes and table) to DOCX. Target: <= 0.5 of pandoc's time.
- PDF: `briefgen build -f pdf` against WeasyPrint alone rendering the HTML briefgen generated for
  the same submission. Target: <= 1.15 of WeasyPrint's time and peak memory.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gen_dossier import generate
from timing import measure, row

HERE = Path(__file__).parent
WEASYPRINT = ("import sys, weasyprint\n"
              "weasyprint.HTML(string=open(sys.argv[1], encoding='utf-8').read(), base_url=sys.argv[3])"
              ".write_pdf(sys.argv[2])\n")


def equivalent_markdown(dossier_dir: Path, submission: str) -> str:
    """Pandoc Markdown with the same paragraphs, footnotes and annex table as our document."""
    from briefgen.assemble.assembly import assemble
    from briefgen.document import NoteRef, Paragraph, Table, Heading, plain_text
    from briefgen.pipeline import check_dossier

    dossier, _ = check_dossier(dossier_dir)
    doc = assemble(dossier, dossier.submissions[submission]).document
    out = [f"% {doc.meta.title}", ""]
    for block in doc.blocks:
        if isinstance(block, Heading):
            out += ["#" * max(1, block.level) + " " + plain_text(block.children), ""]
        elif isinstance(block, Paragraph):
            text = "".join(f"[^{n.number}]" if isinstance(n, NoteRef) else plain_text([n]) for n in block.children)
            out += [(f"{block.number}. " if block.number else "") + text.replace("\n", " "), ""]
        elif isinstance(block, Table):
            cells = lambda row: "| " + " | ".join(plain_text(c).replace("|", "/") for c in row) + " |"  # noqa: E731
            out += [cells(block.header), "|" + "---|" * len(block.header)]
            out += [cells(r) for r in block.rows] + [""]
    out += [f"[^{n.number}]: {plain_text(n.children)}" for n in doc.notes]
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    import pypandoc

    work = HERE / "work"
    dossier = work / "build-synthetic"
    generate(dossier, args.claims, max(1, args.claims // 2), args.rows, files=10, submissions=0)
    (dossier / "submissions" / "bench.yaml").write_text(
        "id: bench\nkind: collective-complaint\nto: un-sr-assembly\ntitle: Benchmark complaint\n"
        "date: 2020-01-15\nlanguage: en\nsections:\n  - title: Facts\n    role: description\n"
        "    claims: {tags: [detention, assembly, ill-treatment, media, election, prosecution]}\n"
        + "".join(f"  - {{title: {r}, role: {r}, text: Described in the annex.}}\n"
                  for r in ("victims", "perpetrators", "date-place", "legal-basis", "domestic-steps"))
        + "annex:\n  people: {roles: [detainee]}\n", encoding="utf-8")
    out = work / "build-out"
    build = [sys.executable, "-m", "briefgen", "build", str(dossier), "-o", str(out)]
    md = work / "bench.md"
    md.write_text(equivalent_markdown(dossier, "bench"), encoding="utf-8")
    measure(build + ["-f", "html"], 1)
    html = out / dossier.name / "bench.html"

    docx = measure(build + ["-f", "docx"], args.runs)
    pandoc = measure([pypandoc.get_pandoc_path(), str(md), "-o", str(work / "pandoc.docx")], args.runs)
    pdf = measure(build + ["-f", "pdf"], args.runs)
    weasy = measure([sys.executable, "-c", WEASYPRINT, str(html), str(work / "weasy.pdf"), str(dossier)], args.runs)
    print(f"submission: {args.claims} claim paragraphs with footnotes, annex table of {args.rows} rows")
    print(row("briefgen build -f docx", docx))
    print(row("pandoc md -> docx", pandoc))
    print(row("briefgen build -f pdf", pdf))
    print(row("weasyprint alone (our html)", weasy))
    print(f"DOCX time / pandoc:        {docx['wall'] / pandoc['wall']:.2f}   (target <= 0.5)")
    print(f"PDF time / weasyprint:     {pdf['wall'] / weasy['wall']:.2f}   (target <= 1.15)")
    print(f"PDF memory / weasyprint:   {pdf['peak_mb'] / weasy['peak_mb']:.2f}   (target <= 1.15)")


if __name__ == "__main__":
    main()
