"""The machinery that touches the world and knows no content: rendering (Jinja), the one
writer (staging folder + atomic swap), the worker pool, child processes, folder locks and
the recording of what each page shows.

May import: model, errors.
"""
