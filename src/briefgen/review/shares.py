"""The shares a coverage report gives per submission, and the test of `--fail-under`: no rendering
library needed, so the command line can offer them without loading one."""

from __future__ import annotations

SHARES = {
    "sourced": ("sourced", "claims"),
    "corroborated": ("corroborated", "claims"),
    "with_norms": ("with_norms", "in_violation_sections"),
    "self_sourced": ("self_sourced", "claims"),
    "social_only": ("social_only", "claims"),
    "official_only": ("official_only", "claims"),
    "archived": ("archived", "sources"),
    "dated": ("dated", "sources"),
    "accessed": ("accessed", "web_sources"),
}


def below(report: dict, thresholds: dict[str, float]) -> list[str]:
    """Each share of a submission under its threshold, as a sentence for the reviewer."""
    found = []
    for sub in report["submissions"]:
        for name, minimum in thresholds.items():
            value = sub["shares"].get(name)
            if value is not None and value < minimum:
                found.append(f"{sub['id']}: {name} is {value:g}%, under {minimum:g}%")
    return found
