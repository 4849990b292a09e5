"""Django's makemessages, without fuzzy matching: a guessed translation of a new string is
worse than none, since it would be shown as if it were right."""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
