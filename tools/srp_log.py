"""Reads srp's --verbose logs written with an ISO timestamp on each line (the tools set slf4j's dateTimeFormat)."""
import datetime
import re

_STAMP = re.compile(r"(\S+T\S+[+-]\d{4}) ")


def stamped_lines(path):
    """(epoch seconds, line) for every line of the log that starts with a timestamp."""
    for line in open(path, errors="replace"):
        m = _STAMP.match(line)
        if m:
            yield datetime.datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f%z").timestamp(), line
