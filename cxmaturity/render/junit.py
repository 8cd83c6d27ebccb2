"""A gate's checks as a JUnit XML report, which CI servers show beside a merge request.

Written with the standard library's ElementTree: the format is a handful of elements,
and ElementTree escapes every name and message it is given.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.etree import ElementTree as ET

from cxmaturity.core.cleaning import clean_line
from cxmaturity.core.gate import Check


def render_junit(suite: str, checks: Sequence[Check]) -> str:
    """One ``<testsuite>`` named ``suite``: each check a ``<testcase>``, with a ``<failure>``
    when it failed."""
    failures = sum(1 for check in checks if check.failure)
    counts = {"tests": str(len(checks)), "failures": str(failures), "errors": "0"}
    root = ET.Element("testsuites", {"name": "cxmaturity", **counts, "time": "0"})
    element = ET.SubElement(
        root, "testsuite", {"name": suite, **counts, "skipped": "0", "time": "0"}
    )
    for check in checks:
        case = ET.SubElement(
            element,
            "testcase",
            {"classname": clean_line(check.group), "name": clean_line(check.name), "time": "0"},
        )
        if check.failure:
            failure = ET.SubElement(
                case, "failure", {"message": clean_line(check.failure), "type": "gate"}
            )
            failure.text = "\n".join(f"{label}: {value}" for label, value in check.figures)
        else:
            ET.SubElement(case, "system-out").text = ", ".join(
                f"{label}: {value}" for label, value in check.figures
            )
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
