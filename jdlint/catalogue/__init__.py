"""The rule catalogue: rule YAML (``ruledata``), typed rule options, profiles and house
rule packs. Data about rules, loaded once; no rule runs here.
"""
