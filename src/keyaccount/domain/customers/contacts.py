"""The contact persons of a customer file and their levels (SPEC §1 contacts; seeds 002, 004)."""

from __future__ import annotations

import enum

import attrs

from keyaccount._validation import non_empty, optional_text, text, to_enum

__all__ = ["Contact", "ContactRole"]


class ContactRole(enum.Enum):
    """The levels of contact person in a customer's organisation (seeds 002, 004).

    ``level`` orders them by purchase authority, 1 the lowest. The titles are seed 004
    第15条's: 采购员, 采购经理, 采购总监, 财务总监, 销售经理, 配送经理 (the distribution,
    i.e. delivery, manager), 总经理, 董事长.
    """

    BUYER = "buyer"
    PURCHASING_MANAGER = "purchasing_manager"
    PURCHASING_DIRECTOR = "purchasing_director"
    CFO = "cfo"
    SALES_MANAGER = "sales_manager"
    DISTRIBUTION_MANAGER = "distribution_manager"
    GENERAL_MANAGER = "general_manager"
    CHAIRMAN = "chairman"

    @property
    def level(self) -> int:
        """Authority level, 1 (buyer) to 6 (chairman)."""
        return _CONTACT_LEVEL[self]

    @property
    def label_zh(self) -> str:
        """The Chinese title."""
        return _CONTACT_ZH[self]


_CONTACT_LEVEL = {
    ContactRole.BUYER: 1,
    ContactRole.PURCHASING_MANAGER: 2,
    ContactRole.SALES_MANAGER: 2,
    ContactRole.DISTRIBUTION_MANAGER: 2,
    ContactRole.PURCHASING_DIRECTOR: 3,
    ContactRole.CFO: 4,
    ContactRole.GENERAL_MANAGER: 5,
    ContactRole.CHAIRMAN: 6,
}
_CONTACT_ZH = {
    ContactRole.BUYER: "采购员",
    ContactRole.PURCHASING_MANAGER: "采购经理",
    ContactRole.PURCHASING_DIRECTOR: "采购总监",
    ContactRole.CFO: "财务总监",
    ContactRole.SALES_MANAGER: "销售经理",
    ContactRole.DISTRIBUTION_MANAGER: "配送经理",  # seed 004 第15条 (0.1.0 said 分销经理)
    ContactRole.GENERAL_MANAGER: "总经理",
    ContactRole.CHAIRMAN: "董事长",
}



# mypy's attrs plugin wants a named converter function.
def _contact_role(value: ContactRole | str) -> ContactRole:
    if type(value) is ContactRole:  # the plain case: one type check
        return value
    return to_enum(ContactRole, value, field="Contact.role")


@attrs.frozen(kw_only=True)
class Contact:
    """A person at the customer (SPEC §1 contacts; seeds 002, 004).

    Attributes:
        name: the person's name.
        role: their level in the customer's organisation.
        authority: what they decide (e.g. "signs orders up to 2,000,000 CNY").
        phone: office phone.
        mobile: mobile phone.
        wechat: WeChat id.
        qq: QQ number.
        email: email address.
        personal_notes: interests, habits, family. **Confidential** (SPEC §4): only the
            account's own manager sees them. ``None`` only in a redacted view, where the notes
            were withheld.

    >>> zhou = Contact(name="周敏", role="purchasing_director", wechat="zhoumin",
    ...                personal_notes="golf on Saturdays")
    >>> zhou.role.label_zh, zhou.role.level, zhou.wechat
    ('采购总监', 3, 'zhoumin')
    """

    # The fields a redacted view may withhold from a contact (SPEC §4).
    CONFIDENTIAL_FIELDS = ("personal_notes",)

    name: str = attrs.field(validator=non_empty)
    role: ContactRole = attrs.field(converter=_contact_role)
    authority: str = attrs.field(default="", validator=text)
    phone: str | None = attrs.field(default=None, validator=optional_text)
    mobile: str | None = attrs.field(default=None, validator=optional_text)
    wechat: str | None = attrs.field(default=None, validator=optional_text)
    qq: str | None = attrs.field(default=None, validator=optional_text)
    email: str | None = attrs.field(default=None, validator=optional_text)
    personal_notes: str | None = attrs.field(default="", validator=optional_text)

