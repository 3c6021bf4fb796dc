"""Trigger phrases of the wins tools: (tool, score, pattern), see triggers.py."""

from __future__ import annotations

_SET = r"set|make|create|change|update|increase|decrease|raise|lower|put|adjust|bump"
_SHOW = r"show|list|see|view|display|pull up|get|give me|what are|what were|check|read out|any"
_ROWS = r"expenses|transactions|purchases|costs|receipts|expense"
_ROW = r"expenses?|purchases?|transactions?|entry|spend|payment"
_DELETE = r"delete|remove|scrap|cancel|undo|erase|get rid of|bin|trash|drop|wipe"
_EDIT = r"change|update|edit|fix|correct|amend|modify|adjust|recategori[sz]e"
_PAID = r"got paid|been paid|was paid|were paid|paid me|paid us|earned|earn|income|received"
_INCOME = r"receive|wages|salary|pension|payday|pay day|sold|refund(?:ed)?|reimburs\w+|tips"
_MONEY = r"\$?\d[\d,.]*k?"

WINS: list[tuple[str, int, str]] = [
    ("add_expense", 9, r"\b(?:log|add|record|new|enter|put in)\b.{0,15}\bexpense\b"),
    ("set_budget", 8, rf"\b(?:{_SET})\b.{{0,30}}\bbudget\b"),
    ("set_budget", 8, r"\bbudget\b.{0,30}(?:\$|\d)|\$\d.{0,30}\bbudget\b"),
    ("budget_status", 7, r"\bbudgets?\b|\bover budget\b|\bon track\b"),
    ("budget_status", 7, r"\bhow much (?:have i|have we|do i have|do we have|is|'s) left\b"),
    ("spending_summary", 7, r"\b(?:spending|spend|expense) (?:summary|breakdown|report|overview)"),
    ("spending_summary", 7, r"\bsummary of (?:my |our )?(?:spending|expenses|money|finances)\b"),
    ("spending_summary", 7, r"\bhow much (?:have|did|had) (?:i|we) (?:spent|spend)\b"),
    ("spending_summary", 7, r"\bwhat (?:did|have) (?:i|we) (?:spent|spend)\b"),
    ("spending_summary", 7, r"\bwhere(?:'s| is| did| has| does) (?:all )?(?:my|our|the) money"),
    ("spending_summary", 7, r"\bhow (?:am i|are we) (?:going|doing|tracking)\b(?!.*budget)"),
    ("spending_summary", 7, r"\bbreakdown\b|\b(?:total|net) (?:spending|spent|income)\b"),
    ("spending_summary", 7, r"\bprojection\b|\bhow much (?:am i|are we) spending\b"),
    ("spending_summary", 7, r"\bspending (?:this|last|so far)\b|\bby category\b"),
    ("spending_summary", 7, r"\b(?:show|see|check|view)\b.{0,25}\bspending\b"),
    ("spending_summary", 7, r"\bsummar(?:y|ise|ize)\b.{0,20}\b(?:spending|money|expenses|month)"),
    ("list_expenses", 7, rf"\b(?:{_SHOW})\b.{{0,25}}\b(?:{_ROWS})\b"),
    ("list_expenses", 7, r"\b(?:my|our|recent|latest|last \d+) expenses\b"),
    (
        "list_expenses",
        7,
        r"\b(?:list|show)\b.{0,20}\b(?:everything|all|what) (?:i|we) (?:spent|paid)",
    ),
    ("delete_expense", 8, rf"\b(?:{_DELETE})\b.{{0,30}}\b(?:{_ROW})\b"),
    ("update_expense", 8, rf"\b(?:{_EDIT})\b.{{0,30}}\b(?:expense|purchase|transaction|entry)\b"),
    ("add_income", 8, rf"\b(?:{_PAID}|{_INCOME})\b"),
    ("add_income", 8, rf"\bgot {_MONEY} (?:from|for)\b|\bmade {_MONEY} (?:from|selling|doing)\b"),
    ("add_income", 8, r"\b(?:cash in|came in)\b"),
]
