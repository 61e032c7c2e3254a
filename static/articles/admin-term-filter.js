'use strict';
// The article list's term filter (articles/admin/filters.py, TermFilter): picking a term
// applies it at once; the Filter button does the same without this script.
{
    const $ = django.jQuery;
    $(function() {
        $('#term-filter').on('change', function() {
            this.form.submit();
        });
    });
}
