"""The account page where a person changes their name and organisation (allauth's own
pages keep their email addresses, password and second factor)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .account_forms import ProfileForm


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, _("Your name and organisation have been saved."))
            return redirect("account_profile")
        return render(request, "account/profile.html", {"form": form}, status=400)
    return render(request, "account/profile.html", {"form": form})
