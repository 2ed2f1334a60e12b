"""Reports (rules ``render_report``, ``report_index``): the tables and figures the
notebooks in ``analysis/`` show, and the HTML around them.

Reads the artifacts of every earlier stage (paths given to each notebook as papermill
parameters); writes ``reports/<name>/*.html``.

Modules and their public functions (import them from the module: this file imports
nothing, so a report depends only on the modules its notebook really uses):

- ``helpers``: ``table``, ``note``, ``show``, ``highlight``, ``setup_figures``,
  ``provenance_block``, ``notebook_to_html``, ``index_page``
- ``provenance``: ``provenance``, ``input_hash``, ``package_versions``
- ``corpus``, ``topics``, ``actors``: one module per report, functions that return the
  report's frames and figures
"""
