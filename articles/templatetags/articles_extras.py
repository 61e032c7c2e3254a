from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """mapping[key], or None: for per-article values computed in the view."""
    return mapping.get(key) if mapping else None
