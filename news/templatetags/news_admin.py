from django import template

from ..dashboard import editorial_dashboard
from ..services import can_publish

register = template.Library()


@register.inclusion_tag("admin/news/dashboard.html", takes_context=True)
def editorial_dashboard_panel(context):
    """The editors' to-do list on the admin index, for those who publish (NCP editors)."""
    user = context["request"].user
    if not can_publish(user):
        return {"show": False}
    return {"show": True, **editorial_dashboard()}
