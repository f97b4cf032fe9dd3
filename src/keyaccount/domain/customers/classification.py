"""How the company classifies a key account: its category and its counterpart role.

Seed 000 (§大客户的分类) sorts key accounts into industry, regional and potential ones; seed 003
(§客户界定) and seed 004 say what the account is to the company.
"""

from __future__ import annotations

import enum

__all__ = ["CounterpartRole", "CustomerCategory"]


class CustomerCategory(enum.Enum):
    """The three kinds of key account of seed 000 §大客户的分类."""

    INDUSTRY = "industry"
    REGIONAL = "regional"
    POTENTIAL = "potential"

    @property
    def label_zh(self) -> str:
        """The Chinese name: 行业大客户 / 区域大客户 / 潜力大客户."""
        return {"industry": "行业大客户", "regional": "区域大客户", "potential": "潜力大客户"}[
            self.value
        ]


class CounterpartRole(enum.Enum):
    """What the account is to the company (seed 003 §客户界定 第二条, 第三条; seed 004).

    Advisers, banks, insurers, PR and financing agencies are kept as *special* accounts.
    """

    CUSTOMER = "customer"
    SUPPLIER = "supplier"
    DISTRIBUTOR = "distributor"
    SPECIAL = "special"
