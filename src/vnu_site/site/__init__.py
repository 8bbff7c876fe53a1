"""Resolving: entries -> one read-only Site (translations paired, facts merged, references
checked, backlinks derived), and the only place that makes URLs.

May import: model, errors, io, sources.
"""
