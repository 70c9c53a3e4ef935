"""dipnews dashboard: a read-only Streamlit app on the published marts.

Layout: `queries` holds every SQL statement (parameterised, one short read-only
connection each), `charts` the Altair specs, `text` the helpers that keep article
text inert, `views` one render function per page, `config` where the warehouse is, and `app`
the Streamlit entry point (layout, global filters, dispatch).
"""
