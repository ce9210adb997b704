"""The admin index's first panel: a partner editor's own work (urbact_portal.admin_views)."""

from django import template

from networks.models import can_review_updates

from ..admin_views import partner_dashboard

register = template.Library()


@register.inclusion_tag("admin/partner_dashboard.html", takes_context=True)
def partner_dashboard_panel(context):
    """Shown to partner editors, that is to staff who do not review updates but edit a
    network's updates; NCP editors get the editorial dashboard instead."""
    user = context["request"].user
    if can_review_updates(user):
        return {"show": False}
    panel = partner_dashboard(user)
    return {"show": bool(panel["networks"]), **panel}
