"""The editors' commands: new, check, serve and its live preview.

May import: every wing and the pipeline.
"""
