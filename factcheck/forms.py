"""Forms validate what the browser sent; the services in review.py decide what it means."""
from __future__ import annotations

from django import forms

from .models import Opposition, Side, SourceLink, Stance, Status, VerdictRating


class QueueFilterForm(forms.Form):
    def __init__(self, *args, verdicts=(), sides=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verdict"].choices = [("", "Any verdict"), *verdicts]
        self.fields["side"].choices = [("", "Any side"), *sides]

    q = forms.CharField(label="Search", required=False, max_length=200)
    status = forms.ChoiceField(label="Status", required=False, choices=[("", "Any status"), *Status.choices])
    # Choices by key, filled by the view from one query (see views.scale_and_sides).
    verdict = forms.ChoiceField(label="Verdict", required=False)
    side = forms.ChoiceField(label="Side", required=False)
    speaker = forms.CharField(label="Speaker", required=False, max_length=200)
    outlet = forms.CharField(label="Outlet", required=False, max_length=200)
    date_from = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))


class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class StatusForm(VersionedForm):
    status = forms.ChoiceField(label="Status", choices=Status.choices)
    note = forms.CharField(label="Note (optional)", required=False, max_length=2000)


class VerdictForm(VersionedForm):
    verdict = forms.ModelChoiceField(label="Verdict", required=False, queryset=VerdictRating.objects.all(),
                                     empty_label="No verdict yet")
    rationale = forms.CharField(label="Rationale", required=False, widget=forms.Textarea(attrs={"rows": 3}))


class CorrectionForm(VersionedForm):
    speaker_name = forms.CharField(label="Speaker", max_length=300)
    side = forms.ModelChoiceField(label="Side", required=False, queryset=Side.objects.all(), empty_label="No side")
    stance = forms.ChoiceField(label="Stance", choices=Stance.choices)
    start = forms.IntegerField(label="Starts at character", min_value=0)
    end = forms.IntegerField(label="Ends at character", min_value=1)
    note = forms.CharField(label="Why (optional)", required=False, max_length=2000)

    def clean(self):
        data = super().clean()
        if data.get("start") is not None and data.get("end") is not None and data["end"] <= data["start"]:
            raise forms.ValidationError("The span must end after it starts.")
        return data


class AnnotationForm(forms.Form):
    quote = forms.CharField(label="Quoted text", widget=forms.Textarea(attrs={"rows": 2}))
    prefix = forms.CharField(label="Text before", required=False, max_length=64, strip=False)
    suffix = forms.CharField(label="Text after", required=False, max_length=64, strip=False)
    start = forms.IntegerField(label="Start offset", min_value=0)
    end = forms.IntegerField(label="End offset", min_value=1)
    body = forms.CharField(label="Note", widget=forms.Textarea(attrs={"rows": 3}))
    assertion = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The quote keeps its exact white space: offsets are checked against it.
        self.fields["quote"].strip = False


# A URL field that lets the browser send "example.org/page": type="url" would refuse it before the
# server could add the https:// that assume_scheme promises.
WEB_ADDRESS = forms.TextInput(attrs={"inputmode": "url", "spellcheck": "false", "autocapitalize": "off"})


class SourceForm(forms.Form):
    url = forms.URLField(label="Address (URL)", max_length=2000, assume_scheme="https", widget=WEB_ADDRESS)
    title = forms.CharField(label="Title", required=False, max_length=500)
    publisher = forms.CharField(label="Publisher", required=False, max_length=200)
    role = forms.ChoiceField(label="Role", choices=SourceLink.Role.choices, initial=SourceLink.Role.SUPPORTS)
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(VersionedForm):
    decision = forms.ChoiceField(choices=Opposition.Decision.choices)
    note = forms.CharField(label="Note", required=False, max_length=2000)


class PairForm(forms.Form):
    other = forms.IntegerField(label="Opposing assertion (number)", min_value=1)
    relation = forms.ChoiceField(label="Relation", choices=Opposition.Relation.choices)
    note = forms.CharField(label="Why", required=False, max_length=2000)
