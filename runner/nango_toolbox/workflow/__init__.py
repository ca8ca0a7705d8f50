"""Workflows for nango-run: a YAML file of typed inputs, steps that talk to Nango, and outputs.

Modules, each with one job:

- ``schema.json`` / ``schema``: the JSON Schema (2020-12) of the format, shipped as package data
- ``_schema_check``: whether data is valid under it, compiled from it by ``make generate``
  (jsonschema runs only for an invalid file, to explain every problem)
- ``loader``: YAML to plain data, keeping every value's line and column by JSON pointer
- ``validate``: every problem of a file and its inputs at once (``load_workflow``)
- ``expressions``: the pure ``${{ ... }}`` evaluator
- ``gateway``: the one door to the SDK (plain data, per-run cache, dry-run plan of writes)
- ``runtime``: what a step sees (arguments, connection resolution, waiting, options)
- ``steps/<kind>``: one module per step kind, found through ``steps.get_runner``
- ``executor``: runs the steps (if, retries, timeout, continue_on_error) and renders outputs
- ``sandbox_mode``: ``nango-run --sandbox`` (embedded sandbox, connect links completed headlessly)

Nothing is imported here, so that ``nango-run validate`` and ``--version`` stay cheap.
"""
