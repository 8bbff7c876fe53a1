"""Reading: content/ and the theme's strings -> entries, settings, tags and UI strings.

May import: model, errors, io.
"""
