"""The witness record: statements, corrections and uncertainty from a session's log, and a printable report.

    from scenewright.witness import build_record, write_report
    rec = build_record(session.history, session.world)
    write_report(session, "report.html")
"""

from .describe import clock
from .provenance import Change
from .record import Correction, Detail, ObjectHistory, Record, Statement, build_record
from .report import render_report, write_report

__all__ = ["Change", "Correction", "Detail", "ObjectHistory", "Record", "Statement", "build_record", "clock",
           "render_report", "write_report"]
