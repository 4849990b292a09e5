"""Every Django form, ours and allauth's, rendered with Bootstrap and accessible errors.

Widget templates under `templates/django/forms/` add the Bootstrap classes, so forms need no
mixin. Django itself marks invalid inputs (`aria-invalid`) and links them to their message.
"""

from __future__ import annotations

from django.forms.renderers import TemplatesSetting


class BootstrapFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
