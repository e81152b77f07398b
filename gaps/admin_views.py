"""The backlog in the Wagtail admin: the list, an item with its evidence, its two actions.

Only those `permissions.works_on_gaps` names reach any of it (others get Wagtail's
denial); an item that does not exist answers 404. The actions are POSTs (CSRF) that
call `gaps.actions`; a refusal answers 403 (not theirs) or 409 (not now), and a dismissal
without a reason 400, with the item's page and what was typed.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import actions
from .models import GapItem, Kind, State
from .permissions import may_add_guide_under, works_on_gaps

PER_PAGE = 50


class FilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[("", gettext_lazy("All kinds")), *Kind.choices],
        required=False,
    )
    state = forms.ChoiceField(
        label=gettext_lazy("State"),
        choices=[("", gettext_lazy("All states")), *State.choices],
        required=False,
    )


class DismissForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why this is not guidance to write"),
        max_length=1_000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class GapAreaMixin:
    def dispatch(self, request, *args, **kwargs):
        if not works_on_gaps(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class BacklogView(GapAreaMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "gaps/admin/index.html"
    page_title = gettext_lazy("Guidance gaps")
    header_icon = "help"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = FilterForm(self.request.GET or None)
        items = GapItem.objects.backlog().only(
            "pk", "kind", "title", "weight", "state", "evidence_at", "evidence", "draft_id"
        )
        if form.is_valid():
            if form.cleaned_data["kind"]:
                items = items.filter(kind=form.cleaned_data["kind"])
            if form.cleaned_data["state"]:
                items = items.filter(state=form.cleaned_data["state"])
        page = Paginator(items, PER_PAGE).get_page(self.request.GET.get("p"))
        query = self.request.GET.copy()
        query.pop("p", None)
        context.update(
            form=form,
            page_obj=page,
            items=page.object_list,
            filters_query=query.urlencode(),
        )
        return context


class ItemMixin(GapAreaMixin):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.item = get_object_or_404(
            GapItem.objects.select_related("body", "state_changed_by"), pk=kwargs["pk"]
        )


class ItemView(ItemMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "gaps/admin/detail.html"
    header_icon = "help"

    def get_page_title(self):
        return self.item.title

    def get_page_subtitle(self):
        return self.item.get_kind_display()

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("gaps_admin:index"), "label": _("Guidance gaps")},
            {"url": "", "label": self.item.title},
        ]

    def get_context_data(self, dismiss_form=None, refusal="", **kwargs):
        context = super().get_context_data(**kwargs)
        item = self.item
        parent = actions.guide_parent(item)
        draft = item.draft.specific if item.draft_id else None
        context.update(
            item=item,
            evidence=item.evidence,
            rated_page=item.page.specific if item.page_id else None,
            draft=draft,
            closed_by=item.closed_by if item.closed_by_id else None,
            guide_parent=parent,
            may_start=item.is_open
            and (draft is not None or may_add_guide_under(self.request.user, parent)),
            dismiss_form=dismiss_form or DismissForm(),
            refusal=refusal,
        )
        return context

    def refused(self, status, refusal="", dismiss_form=None):
        context = self.get_context_data(dismiss_form=dismiss_form, refusal=refusal)
        return TemplateResponse(self.request, self.template_name, context, status=status)


class StartGuideView(ItemMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        try:
            page = actions.start_guide(self.item, request.user)
        except actions.NotNow as refusal:
            return self._refused(409, str(refusal))
        except PermissionDenied:
            return self._refused(403, _("You may not add a guide where this one goes."))
        messages.success(request, _("Guide drafted from the gap: the evidence is in its comments."))
        return redirect("wagtailadmin_pages:edit", page.pk)

    def _refused(self, status, refusal):
        view = ItemView(request=self.request, kwargs=self.kwargs)
        view.item = self.item
        return view.refused(status, refusal)


class DismissView(ItemMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        form = DismissForm(request.POST)
        view = ItemView(request=request, kwargs=self.kwargs)
        view.item = self.item
        if not form.is_valid():
            return view.refused(400, dismiss_form=form)
        try:
            actions.dismiss(self.item, request.user, form.cleaned_data["reason"])
        except actions.NotNow as refusal:
            return view.refused(409, str(refusal), dismiss_form=form)
        except ValueError as refusal:
            form.add_error("reason", str(refusal))
            return view.refused(400, dismiss_form=form)
        messages.success(request, _("Gap dismissed."))
        return redirect("gaps_admin:detail", self.item.pk)
