"""Glossary stage: the XLSX termbase editors maintain, its matcher, lint and term checks."""
