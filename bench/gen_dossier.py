"""Write a synthetic dossier of any size, for the benchmarks.

    python bench/gen_dossier.py OUT --claims 10000 --sources 5000 --people 2000 [--files 100]

Claims are spread over --files claims files; every claim cites two sources, one or two built-in
norms and a person, so every check has work to do. The result checks clean but for warnings.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

NORMS = ["iccpr-9", "iccpr-14", "iccpr-19", "iccpr-21", "iccpr-22", "iccpr-25", "iccpr-7"]
TAGS = ["detention", "assembly", "ill-treatment", "media", "election", "prosecution"]
CITIES = ["Nur-Sultan", "Almaty", "Shymkent", "Uralsk", "Aktau", "Karaganda"]
GIVEN = ["Aidar", "Aigerim", "Askar", "Dana", "Erlan", "Gulnara", "Marat", "Saule", "Timur", "Zhanna"]
STEMS = ["Abil", "Bek", "Dos", "Kair", "Mukh", "Nur", "Ora", "Sarsen", "Tok", "Ust", "Zhak", "Yerm"]
ENDINGS = ["bay", "zhan", "tay", "gali", "kul", "mat", "bek", "ali", "sin", "ken", "tas", "mur", "daul", "ar"]
SUFFIXES = ["ov", "ova", "uly", "kyzy", "in", "ina", "iev", "ieva", "enko", "ayev", "ayeva", "ich"]


def person_name(i: int) -> str:
    """A made-up name, a different one for each i below 2,016, written in letters as real names are
    (a name holding a number would be found in every web address that holds that number)."""
    family = STEMS[i % 12] + ENDINGS[(i // 12) % 14] + SUFFIXES[(i // 168) % 12]
    return f"{GIVEN[i % 10]} {family}"


def generate(out: Path, claims: int, sources: int, people: int, files: int, submissions: int = 3,
             seed: int = 1) -> None:
    """Write the dossier to `out` (replacing what is there)."""
    rnd = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    (out / "claims").mkdir(parents=True)
    (out / "submissions").mkdir()
    (out / "dossier.yaml").write_text(
        "title: Synthetic dossier\nstate: KZ\nlanguage: en\nperiod: {from: 2019-01-01, to: 2019-12-31}\n"
        "author:\n  name: Bench Centre\n  address: [1 Bench Street, Bench City]\n"
        "  signatory: {name: B. Bench, title: Director}\n", encoding="utf-8")
    with open(out / "sources.yaml", "w", encoding="utf-8") as fh:
        for i in range(sources):
            fh.write(f"- id: src-{i}\n  title: \"Report number {i} on events in {rnd.choice(CITIES)}\"\n"
                     f"  publisher: Outlet {i % 97}\n  url: https://news{i % 50}.example.org/2019/{i}\n"
                     f"  archive: https://archive.example.org/{i}\n  kind: news\n  language: ru\n"
                     f"  published: 2019-{1 + i % 12:02d}-{1 + i % 28:02d}\n")
    with open(out / "people.yaml", "w", encoding="utf-8") as fh:
        for i in range(people):
            fh.write(f"- id: person-{i}\n  name: {person_name(i)}\n  roles: [activist, detainee]\n"
                     f"  city: {rnd.choice(CITIES)}\n  consent: {{publish_name: {str(i % 3 == 0).lower()}}}\n"
                     f"  events:\n    - {{date: 2019-06-{1 + i % 28:02d}, what: detained, where: police station, "
                     f"norm: iccpr-9, outcome: \"{1 + i % 15} days\"}}\n")
    per_file = max(1, claims // files)
    for f in range(files):
        with open(out / "claims" / f"claims-{f:03d}.yaml", "w", encoding="utf-8") as fh:
            for j in range(per_file):
                i = f * per_file + j
                if i >= claims:
                    break
                s1, s2 = i % sources, (i * 7 + 3) % sources
                norms = sorted({rnd.choice(NORMS), rnd.choice(NORMS)})
                fh.write(f"- id: claim-{i}\n  statement: >-\n    On this day police detained {i % 400} people "
                         f"at a peaceful gathering in {rnd.choice(CITIES)}; witnesses describe the events.\n"
                         f"  date: 2019-{1 + i % 12:02d}-{1 + i % 28:02d}\n  place: {rnd.choice(CITIES)}\n"
                         f"  tags: [{rnd.choice(TAGS)}, {rnd.choice(TAGS)}]\n  people: [person-{i % people}]\n"
                         f"  figures: {{detained-claim-{i}: {i % 400}}}\n"
                         f"  evidence:\n    - source: src-{s1}\n      pinpoint: \"para {1 + i % 9}\"\n"
                         f"    - source: src-{s2}\n  norms: [{', '.join(norms)}]\n  status: corroborated\n")
    for s in range(submissions):
        (out / "submissions" / f"sub-{s}.yaml").write_text(
            f"id: sub-{s}\nkind: collective-complaint\nto: un-sr-assembly\ntitle: Synthetic complaint {s}\n"
            f"date: 2020-01-15\nlanguage: en\nsections:\n  - title: Facts\n    role: description\n"
            f"    claims: {{tags: [{TAGS[s % len(TAGS)]}], from: 2019-06-01, to: 2019-06-30}}\n"
            f"    require_norms: true\n"
            + "".join(f"  - {{title: {r}, role: {r}, text: Described in the annex.}}\n"
                      for r in ("victims", "perpetrators", "date-place", "legal-basis", "domestic-steps")),
            encoding="utf-8")


def synthetic_dossier(description: str, runs: int) -> tuple[argparse.Namespace, Path]:
    """The command line of a check benchmark (sizes, runs) and its dossier, written to bench/work/synthetic."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--claims", type=int, default=10000)
    parser.add_argument("--sources", type=int, default=5000)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=runs)
    args = parser.parse_args()
    work = Path(__file__).parent / "work" / "synthetic"
    generate(work, args.claims, args.sources, args.people, files=100)
    return args, work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--claims", type=int, default=10000)
    parser.add_argument("--sources", type=int, default=5000)
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--files", type=int, default=100)
    args = parser.parse_args()
    generate(args.out, args.claims, args.sources, args.people, args.files)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
