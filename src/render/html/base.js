(function () {
  'use strict';
  // Filters: a checkbox data-filter="NAME" shows or hides [data-kind=NAME] and [data-of=NAME].
  function apply(box) {
    var name = box.getAttribute('data-filter');
    document.querySelectorAll('[data-kind], [data-of]').forEach(function (el) {
      if (el.getAttribute('data-kind') === name || el.getAttribute('data-of') === name) {
        el.hidden = !box.checked;
      }
    });
  }
  document.querySelectorAll('input[data-filter]').forEach(function (box) {
    box.addEventListener('change', function () { apply(box); });
    apply(box);
  });
  // Partner links: a click on a[data-partner=ID] scrolls to #ID and highlights it.
  function go(id) {
    var target = document.getElementById(id);
    if (!target) { return false; }
    target.hidden = false;
    document.querySelectorAll('.flash').forEach(function (el) { el.classList.remove('flash'); });
    target.scrollIntoView({ block: 'center' });
    target.classList.add('flash');
    var link = target.querySelector('a[data-partner]');
    if (link) { link.focus({ preventScroll: true }); }
    return true;
  }
  document.addEventListener('click', function (ev) {
    var a = ev.target.closest ? ev.target.closest('a[data-partner]') : null;
    if (a && go(a.getAttribute('data-partner'))) {
      ev.preventDefault();
      history.replaceState(null, '', '#' + a.getAttribute('data-partner'));
    }
  });
})();
