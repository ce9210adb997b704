"""A network's partners and outputs on its admin form: listed, each linked to its own form,
and the editor taken back to the network from there.

They were rows of form widgets on the network's form: a network with 40 partners opened ten
times as slowly as its public page, and each output row listed every partner again. A list
of links costs a line each; the partner's and the output's own forms do the editing.
"""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from core.languages import in_active_language, localized

#: In the address of a partner's or an output's form opened from its network's form: once
#: saved or deleted there, the editor is taken back to the network.
BACK_TO_NETWORK = "from_network"


def network_lists(request, admin_site, network):
    """The context of the network form's lists: its partners and its outputs, each row with
    the addresses of its own form and of its deletion (None where the user may not), and
    the address that adds one (None likewise)."""
    from .models import Membership, Output, Role

    # Partners as rows of values: a network has dozens, each a city and its country.
    city, country = in_active_language("city__name"), in_active_language("city__country__name")
    partners = [
        {
            "pk": row["pk"],
            "city": city(row),
            "country": country(row),
            "role": Role(row["role"]).label,
            "organisation": row["organisation"],
            "is_newcomer": row["is_newcomer"],
            "phase_joined": row["phase_joined"],
        }
        for row in network.memberships.order_by("role", "order", "pk").values(
            "pk",
            "role",
            "organisation",
            "is_newcomer",
            "phase_joined",
            *localized("city__name", "city__country__name"),
        )
    ]
    outputs = network.outputs.select_related("membership__city").order_by("kind", "pk")
    return {
        "partners": linked_rows(
            request, admin_site, Membership, [(row["pk"], row) for row in partners], network
        ),
        "outputs": linked_rows(
            request, admin_site, Output, [(output.pk, output) for output in outputs], network
        ),
    }


def linked_rows(request, admin_site, model, keyed, network):
    """Each of the `keyed` objects, (primary key, object) pairs, with the addresses of its
    form and of its deletion, and the address that adds one to the network."""
    model_admin = admin_site.get_model_admin(model)
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    back = "?" + urlencode({BACK_TO_NETWORK: 1})

    def address(view, allowed):
        # One reverse for all the rows: a network can have dozens of partners.
        return f"{reverse(f'{name}_{view}', args=['__pk__'])}{back}" if allowed else None

    change = address("change", model_admin.has_change_permission(request))
    delete = address("delete", model_admin.has_delete_permission(request))
    add = None
    if model_admin.has_add_permission(request):
        add = reverse(f"{name}_add") + "?" + urlencode({"network": network.pk, BACK_TO_NETWORK: 1})
    return {
        "rows": [
            {
                "object": obj,
                "change": change and change.replace("__pk__", str(pk)),
                "delete": delete and delete.replace("__pk__", str(pk)),
            }
            for pk, obj in keyed
        ],
        "add": add,
    }


class BackToNetworkMixin:
    """For the admin of a model with a `network`: opened from the network's form (its
    address carries BACK_TO_NETWORK), saving or deleting goes back to the network's form,
    and "Save and add another" adds another to the same network."""

    def response_post_save_add(self, request, obj):
        return self._back(request, obj.network_id) or super().response_post_save_add(request, obj)

    def response_post_save_change(self, request, obj):
        back = self._back(request, obj.network_id)
        return back or super().response_post_save_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)  # says it is added
        if "_addanother" in request.POST and BACK_TO_NETWORK in request.GET:
            query = urlencode({"network": obj.network_id, BACK_TO_NETWORK: 1})
            return redirect(f"{request.path}?{query}")
        return response

    def delete_model(self, request, obj):
        request.deleted_from_network = obj.network_id
        super().delete_model(request, obj)

    def response_delete(self, request, obj_display, obj_id):
        response = super().response_delete(request, obj_display, obj_id)  # says it is deleted
        network = getattr(request, "deleted_from_network", None)
        return self._back(request, network) or response

    @staticmethod
    def _back(request, network_id):
        if BACK_TO_NETWORK in request.GET and network_id is not None:
            return redirect("admin:networks_network_change", network_id)
        return None
