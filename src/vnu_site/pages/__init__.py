"""Planning: the Site -> the pages to make and what each shows, as plain data (lists,
item views, head and structured data, figures, status and service pages).

May import: model, errors, io, sources, site.
"""
