"""Files besides pages: feeds, calendars, sitemap, urls.json, images, assets, and the
search index (a finaliser run on the complete staging folder).

May import: model, errors, io, sources, site, pages.
"""
