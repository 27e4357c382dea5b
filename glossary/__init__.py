"""Glossary stage: the XLSX termbase, its matcher and the term checks (not built yet)."""
