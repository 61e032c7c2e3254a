'use strict';
// The parent picker of a term (taxonomy/pickers.py, ParentSelect): Django's autocomplete,
// with the term edited and the vocabulary chosen on the form sent along, so that the
// server offers only that vocabulary's terms, never the term or its narrower terms.
{
    const $ = django.jQuery;

    function start(element) {
        const vocabulary = () => document.getElementById(element.dataset.vocabularyField);
        $(element).select2({
            ajax: {
                data: (params) => ({
                    term: params.term,
                    page: params.page,
                    app_label: element.dataset.appLabel,
                    model_name: element.dataset.modelName,
                    field_name: element.dataset.fieldName,
                    for_term: element.dataset.forTerm,
                    vocabulary: vocabulary() ? vocabulary().value : ''
                })
            }
        });
        // Another vocabulary: the broader term chosen is no longer one of its terms.
        const select = vocabulary();
        if (select) {
            select.addEventListener('change', () => $(element).val(null).trigger('change'));
        }
    }

    $(function() {
        $('select.term-parent-autocomplete').each((i, element) => start(element));
    });
}
