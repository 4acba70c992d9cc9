"""Dates: each mention is its own record (dates are values, not things)."""
from __future__ import annotations


def resolve(records, context):
    return list(records)
